#!/usr/bin/env bash
# Installs the system packages the tests need (Debian): chromium for the browser tests, and
# Debian's PyTorch stack for the training smoke run, flake8 for the Python lint. Does nothing when they are already there.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
/usr/bin/python3 -c 'import torch, torchvision, onnx, PIL, numpy, jsonschema, pytest' 2>/dev/null || need+=(python3-torch python3-torchvision python3-onnx python3-pil python3-numpy python3-jsonschema python3-pytest)
/usr/bin/python3 -m flake8 --version >/dev/null 2>&1 || need+=(python3-flake8)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need+=(fonts-noto-cjk)
[ ${#need[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${need[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null; then SUDO="sudo"; else
		echo "Please install as root: apt-get install ${need[*]}" >&2; exit 1
	fi
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
