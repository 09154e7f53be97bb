"""Page images → what the OCR reader needs besides text: red stamps taken out, the skew measured
and undone, and the table rules found (morphology over the ink) as segments in PDF points, so
that the PDF reader's grid pipeline turns them into the same table layouts.

Pure functions over numpy arrays (OpenCV from the ``ocr`` extra). Image coordinates are pixels,
origin top-left; ``scale`` is pixels per PDF point.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .pdf_rules import Seg

RED_MARGIN = 60  # a pixel is stamp ink when red exceeds green and blue by this much
FAINT_RED = 12  # ... and at least faintly red from this much: its red channel is used
PRINT_SHARE = 0.75  # under red ink, pixels lighter than this share of paper are paper
MAX_SKEW = 4.0  # degrees searched either way
SKEW_COARSE_STEP = 0.25  # degrees between the angles tried on a quarter-size image ...
SKEW_FINE_SPAN, SKEW_FINE_STEP = 0.3, 0.03  # ... then around the best, wider than one step
PAPER_PERCENTILE = 90  # paper is this light a tone of the page outside red ink
RULE_MIN_PT = 20.0  # a rule is a straight run of ink at least this long (points)
RULE_MAX_THICK_PT = 2.5  # and at most this thick
TEXT_RULE_GAP_PT = 1.0  # rules are widened by this much when they are erased
RULE_MIN_PX, RULE_MAX_THICK_PX = 8, 2  # the same in pixels at least, at low resolutions
RULE_SLOPE = 0.01  # a rule may be thicker by this share of its length (a trace of skew left)
MIN_SKEW = 0.05  # degrees: a page turned less than this is left as rendered (no resampling)


@dataclass(slots=True)
class PageImage:
    """A page ready for OCR: grey (stamps removed, deskewed) and its rules."""

    gray: np.ndarray  # uint8, text black on white, deskewed
    clean: np.ndarray  # gray with the rules erased, for recognition
    stamp: np.ndarray  # bool mask of stamp ink, deskewed
    rules: list[Seg]  # in pixels of ``gray``
    skew: float  # degrees the page was turned back by


def redness(rgb: np.ndarray) -> np.ndarray:
    """How much red exceeds green and blue (int16; about 0 for black, grey and white)."""
    r = rgb[..., 0].astype(np.int16)
    return r - np.maximum(rgb[..., 1], rgb[..., 2]).astype(np.int16)


def stamp_mask(rgb: np.ndarray) -> np.ndarray:
    """Red ink (seals, stamps): red clearly above both green and blue."""
    return redness(rgb) > RED_MARGIN


def rgb_to_gray(rgb: np.ndarray) -> np.ndarray:
    """Grey page with red ink lifted. In the red channel red ink is a little darker than paper
    while black print under it stays black; so reddish pixels take their red channel, scaled so
    that the ink's typical level becomes paper, and anything lighter than print becomes paper."""
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    reddish = redness(rgb) > FAINT_RED
    if not reddish.any():
        return gray
    red = rgb[..., 0][reddish].astype(np.float32)
    paper = float(np.percentile(gray[~reddish], PAPER_PERCENTILE)) if (~reddish).any() else 255.0
    level = float(np.median(red)) or 1.0
    lifted = red * (paper / level)
    gray[reddish] = np.where(lifted > PRINT_SHARE * paper, paper, lifted).astype(np.uint8)
    return gray


def ink(gray: np.ndarray) -> np.ndarray:
    """Binary ink mask (255 = ink) by Otsu's threshold."""
    _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return binary


def _rotate(img: np.ndarray, angle: float, border: int) -> np.ndarray:
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(
        img, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=border
    )


def _sharpness(binary: np.ndarray, angle: float) -> float:
    """How crisp the row profile is after turning by ``angle``: text lines and rules give
    tall narrow peaks when level."""
    profile = _rotate(binary, angle, 0).sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(profile)).sum())


def estimate_skew(binary: np.ndarray) -> float:
    """Degrees (counter-clockwise) the page content is turned, by the sharpest row profile:
    a coarse search on a quarter-size image, then a fine one on a half-size image."""
    small = cv2.resize(binary, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    coarse = np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, SKEW_COARSE_STEP)
    best = max(coarse, key=lambda a: _sharpness(small, a))
    half = cv2.resize(binary, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    fine = np.arange(best - SKEW_FINE_SPAN, best + SKEW_FINE_SPAN + 1e-9, SKEW_FINE_STEP)
    best = max(fine, key=lambda a: _sharpness(half, a))
    return -float(best)


def _runs(mask: np.ndarray, horizontal: bool, min_len: int, max_thick: int) -> list[Seg]:
    """Connected runs of a rule mask → segments through their middle."""
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out = []
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        length, thick = (w, h) if horizontal else (h, w)
        if length < min_len or thick > max_thick + length * RULE_SLOPE:
            continue
        if horizontal:
            mid = y + h / 2
            out.append(Seg(float(x), mid, float(x + w), mid))
        else:
            mid = x + w / 2
            out.append(Seg(mid, float(y), mid, float(y + h)))
    return out


def find_rules(binary: np.ndarray, scale: float) -> tuple[list[Seg], np.ndarray]:
    """Horizontal and vertical rules of a deskewed page (segments in pixels) and their mask."""
    min_len = max(RULE_MIN_PX, round(RULE_MIN_PT * scale))
    max_thick = max(RULE_MAX_THICK_PX, round(RULE_MAX_THICK_PT * scale))
    h_kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (min_len, 1))
    v_kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (1, min_len))
    closed_h = cv2.morphologyEx(binary, cv2.MORPH_CLOSE, np.ones((1, 3), np.uint8))
    closed_v = cv2.morphologyEx(binary, cv2.MORPH_CLOSE, np.ones((3, 1), np.uint8))
    horizontal = cv2.morphologyEx(closed_h, cv2.MORPH_OPEN, h_kernel)
    vertical = cv2.morphologyEx(closed_v, cv2.MORPH_OPEN, v_kernel)
    segs = _runs(horizontal, True, min_len, max_thick) + _runs(vertical, False, min_len, max_thick)
    return segs, cv2.bitwise_or(horizontal, vertical)


def prepare_page(rgb: np.ndarray, scale: float) -> PageImage:
    """Rendered page (RGB) → stamp-free deskewed grey page and its rules."""
    stamp = stamp_mask(rgb)
    gray = rgb_to_gray(rgb)
    skew = estimate_skew(ink(gray))
    h, w = gray.shape
    rot = cv2.getRotationMatrix2D((w / 2, h / 2), -skew, 1.0)
    if abs(skew) >= MIN_SKEW:
        gray = cv2.warpAffine(
            gray, rot, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
        )
        stamp = cv2.warpAffine(stamp.astype(np.uint8), rot, (w, h), flags=cv2.INTER_NEAREST) > 0
    binary = ink(gray)
    rules, rule_mask = find_rules(binary, scale)
    widen = max(1, round(TEXT_RULE_GAP_PT * scale))
    erase = cv2.dilate(rule_mask, np.ones((2 * widen + 1, 2 * widen + 1), np.uint8)) > 0
    clean = gray.copy()
    clean[erase] = 255
    return PageImage(gray, clean, stamp, rules, skew)


def segs_to_points(segs: list[Seg], scale: float) -> list[Seg]:
    """Segments in pixels → segments in PDF points (of the deskewed page)."""
    return [Seg(s.x0 / scale, s.top / scale, s.x1 / scale, s.bottom / scale) for s in segs]
