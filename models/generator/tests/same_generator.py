"""Exit 0 when two generator.pt files hold the same weights and widths (CI: a continued run whose steps were all
discriminator warm-up must hand back the generator it started from)."""
import sys

import torch

a, b = (torch.load(p, map_location="cpu") for p in sys.argv[1:3])
same = a["channels"] == b["channels"] and a["state_dict"].keys() == b["state_dict"].keys() and all(
    torch.equal(a["state_dict"][k], b["state_dict"][k]) for k in a["state_dict"])
print(f"{sys.argv[1]} and {sys.argv[2]}: {'the same generator' if same else 'different generators'}")
sys.exit(0 if same else 1)
