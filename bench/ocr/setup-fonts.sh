#!/usr/bin/env bash
# Fonts the corpus generators draw with, and the native Tesseract the benchmark compares against
# (Debian packages). Needed to generate corpora and run `npm run bench:ocr`, not by the tests
# (they use committed images).
#   corpus.mjs:      fonts-noto-cjk (Noto Sans/Serif CJK SC), fonts-dejavu-core (number)
#   corpus-wild.mjs: fonts-wqy-zenhei, fonts-arphic-uming, fonts-noto-cjk (serif),
#                    fonts-freefont-ttf and fonts-liberation (numbers)
#   accuracy.mjs:    tesseract-ocr, tesseract-ocr-chi-sim (baseline), util-linux (taskset), time
set -euo pipefail
if [ "$(id -u)" -eq 0 ]; then SUDO=(); else SUDO=(sudo -n); fi
pkgs=(fonts-noto-cjk fonts-dejavu-core fonts-wqy-zenhei fonts-arphic-uming fonts-freefont-ttf fonts-liberation tesseract-ocr tesseract-ocr-chi-sim time)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -q
  "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
fc-list : family | grep -qi 'WenQuanYi Zen Hei' && fc-list : family | grep -qi 'AR PL UMing' && echo 'fonts ready'
