"""How many pieces a cell's nucleus falls into once its thin parts are taken away: a measure of lobes that no
network's features enter (npm run eval:generator writes it per class as nucleus_split_share).

The nucleus is where `net.nucleus_map` (the green channel below 0.42 under PBC's stain) exceeds one half, at 128 px
(the bank's field, 4 px to the micrometre). Eroding that mask by `erode` pixels (a 3x3 minimum, twice by default)
cuts whatever is narrower than about 5 px (1.2 um): the strands between a segmented neutrophil's lobes. The pieces are
the mask's 8-connected parts of at least `min_area` pixels that reach into the central half of the field (the cell
sits in the middle; red cells and neighbours at the edge do not count). On the real test images: segmented neutrophils
have two or more pieces in about two of three images, bands in about one of three, lymphocytes and myeloblasts in
about one of twenty (eosinophils' two lobes, and the dark granules of some promyelocytes and basophils, also count)."""
from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from .data import to_tensor_range
from .net import nucleus_map

SIZE = 128
# an enclosed pale area this large (pixels at 128 px, 4 px to the micrometre: 2 um^2) is a hole, not paler chromatin
HOLE_AREA = 32


def _components(mask: torch.Tensor) -> torch.Tensor:
    """8-connected component labels of a bool [N, 1, H, W] mask (0 = background): every pixel starts with its own
    number and takes its neighbours' largest until nothing changes."""
    n, _, h, w = mask.shape
    m = mask.float()
    labels = torch.arange(1, h * w + 1, dtype=torch.float32).reshape(1, 1, h, w).repeat(n, 1, 1, 1) * m
    while True:
        grown = F.max_pool2d(labels, 3, 1, 1) * m
        if torch.equal(grown, labels):
            return labels
        labels = grown


def _nucleus_masks(images_u8: np.ndarray, measure: str, batch: int):
    """The nucleus masks (bool [n, 1, SIZE, SIZE], nucleus_map > 0.5) of uint8 NHWC images, a batch at a time."""
    if images_u8.shape[1:3] != (SIZE, SIZE):
        raise ValueError(f"{measure} measures {SIZE} px fields, not {images_u8.shape[1]} px")
    for k in range(0, len(images_u8), batch):
        with torch.no_grad():
            yield nucleus_map(torch.from_numpy(to_tensor_range(images_u8[k:k + batch]))) > 0.5


def nucleus_pieces(images_u8: np.ndarray, erode: int = 2, min_area: int = 12, batch: int = 128) -> np.ndarray:
    """int [N]: the pieces of each image's nucleus (uint8 NHWC images, SIZE px square)."""
    out = []
    lo, hi = SIZE // 4, SIZE - SIZE // 4
    for mask in _nucleus_masks(images_u8, "nucleus_pieces", batch):
        with torch.no_grad():
            m = mask.float()
            for _ in range(erode):
                m = -F.max_pool2d(-m, 3, 1, 1)
            labels = _components(m > 0.5)
        for lab in labels[:, 0]:
            ids, areas = torch.unique(lab, return_counts=True)
            central = set(torch.unique(lab[lo:hi, lo:hi]).tolist())
            out.append(sum(1 for i, a in zip(ids.tolist(), areas.tolist()) if i > 0 and a >= min_area and i in central))
    return np.array(out, dtype=np.int64)


def split_share(pieces: np.ndarray) -> float:
    """Share of images whose nucleus falls into two or more pieces."""
    return float((np.asarray(pieces) >= 2).mean()) if len(pieces) else float("nan")


def _reach_from_border(free: torch.Tensor) -> torch.Tensor:
    """bool [N, 1, H, W]: the pixels of `free` (bool, same shape) reachable from the field's border through `free`,
    stepping to the 4 side neighbours (the dual of the nucleus's 8-connected pieces: a diagonal touch of two nucleus
    pixels closes a wall)."""
    seen = torch.zeros_like(free)
    seen[..., 0, :] = free[..., 0, :]
    seen[..., -1, :] = free[..., -1, :]
    seen[..., :, 0] = free[..., :, 0]
    seen[..., :, -1] = free[..., :, -1]
    while True:
        grown = seen.clone()
        grown[..., 1:, :] |= seen[..., :-1, :]
        grown[..., :-1, :] |= seen[..., 1:, :]
        grown[..., :, 1:] |= seen[..., :, :-1]
        grown[..., :, :-1] |= seen[..., :, 1:]
        grown &= free
        if torch.equal(grown, seen):
            return seen
        seen = grown


def nucleus_hole_area(images_u8: np.ndarray, batch: int = 128) -> np.ndarray:
    """int [N]: the pixels of each image's field that the nucleus encloses — paler pixels that cannot be reached from
    the field's border without crossing nucleus (uint8 NHWC images, SIZE px square), counted in the central half of
    the field. A ring-shaped nucleus around a pale centre, or a dark field with a pale hole in it (the generators'
    collapse), encloses tens to hundreds of pixels. So do real cells whose granules or folded nucleus close around a
    paler gap (most eosinophils, basophils, promyelocytes and monocytes); a real band or segmented neutrophil,
    lymphocyte or platelet encloses 2 um^2 or more in about one image in five (hole_share)."""
    out = []
    lo, hi = SIZE // 4, SIZE - SIZE // 4
    for mask in _nucleus_masks(images_u8, "nucleus_hole_area", batch):
        with torch.no_grad():
            free = ~mask
            enclosed = free & ~_reach_from_border(free)
        out.extend(enclosed[:, 0, lo:hi, lo:hi].sum(dim=(1, 2)).tolist())
    return np.array(out, dtype=np.int64)


def hole_share(areas: np.ndarray, min_area: int = HOLE_AREA) -> float:
    """Share of images whose nucleus encloses at least min_area pale pixels (nucleus_hole_area). Real test images at
    32 px: band neutrophils about 1 in 5, segmented 1 in 4, lymphocytes 1 in 6, platelets 1 in 7; cells with dark
    granules (eosinophils, basophils, promyelocytes) and monocytes' folded nuclei most of the time (the measure reads
    what is darker than 0.42 in green, granules too), so it says something only where real cells rarely have one."""
    return float((np.asarray(areas) >= min_area).mean()) if len(areas) else float("nan")
