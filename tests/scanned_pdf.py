"""Text to an image-only ("scanned") PDF, laid out as a government report is printed.

Reusable test material for OCR: `text_to_scanned_pdf(text, out, dpi=150)` writes a PDF
whose pages are only pictures (no text layer), made in three steps:

1. layout: the text becomes an HTML page in the 党政机关公文 style (GB/T 9704): A4, margins
   37/35/28/26 mm, body 16 pt (三号) serif (Noto Serif CJK SC, the 宋体/仿宋 stand-in),
   29 pt lines (22 lines x 28 characters a page), justified, paragraphs indented two
   characters; the title 22 pt bold centred; headings 一、 in sans (黑体), （一） bold;
   page numbers "— N —" at the foot and, if asked, a running header;
2. print: headless Chromium prints that page to a PDF (text layer, real line breaking);
3. scan: pypdfium2 renders each page at `dpi`, Pillow adds what a scanner adds (a paper
   tone, a small skew, blur, noise, a red seal over the end of the last page) and saves
   the pictures as a multi-page PDF of JPEG images.

Depends only on Debian's chromium (with fonts-noto-cjk), pypdfium2 and Pillow.
Layout, skew and seal follow `seed`; the grain comes from Pillow's own noise generator.
Written for the OCR engine measurements of issue 22 and kept as the OCR tests' material.

    python -m tests.scanned_pdf report.txt out.pdf --dpi 200
"""
from __future__ import annotations

import html
import math
import os
import random
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"
FONT_FILES = {  # for the seal's lettering (Pillow needs files; Chromium finds fonts by name)
    "sans-bold": ["/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"],
    "serif": ["/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"],
}
MM_PER_INCH = 25.4
A4_MM = (210.0, 297.0)
MARGINS_MM = {"top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0}  # GB/T 9704-2012

_H1 = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_H2 = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
_H3 = re.compile(r"^\d{1,2}[.．、](?!\d)")
_SENTENCE_END = re.compile(r"[。！？!?；;：:]$")

CSS = f"""
@page {{
  size: A4;
  margin: {MARGINS_MM['top']}mm {MARGINS_MM['right']}mm {MARGINS_MM['bottom']}mm {MARGINS_MM['left']}mm;
  @bottom-center {{ content: "— " counter(page) " —"; font: 14pt "{SERIF}"; vertical-align: top;
                    padding-top: 7mm; }}
  __HEADER__
}}
html {{ -webkit-print-color-adjust: exact; }}
body {{ margin: 0; font: 16pt/29pt "{SERIF}", serif; color: #000; text-align: justify;
        text-justify: inter-character; line-break: strict; }}
p {{ margin: 0; text-indent: 2em; }}
p.title {{ font: bold 22pt/36pt "{SERIF}", serif; text-align: center; text-indent: 0; }}
p.title.last {{ margin-bottom: 29pt; }}
p.h1 {{ font-family: "{SANS}", sans-serif; }}
p.h2 {{ font-weight: bold; }}
p.h3 {{ font-weight: bold; }}
p.sign {{ text-align: right; text-indent: 0; padding-right: 4em; }}
p.sign.first {{ margin-top: 29pt; }}
"""


def classify(lines: list[str]) -> list[tuple[str, str]]:
    """(css class, text) of each non-empty line: title lines first, headings, a signature."""
    lines = [re.sub(r"\s+", " ", line).strip() for line in lines]
    lines = [line for line in lines if line]
    out: list[tuple[str, str]] = []
    in_title = True
    for i, line in enumerate(lines):
        if in_title and i < 3 and len(line) <= 40 and not _SENTENCE_END.search(line) and not (
                _H1.match(line) or _H2.match(line) or _H3.match(line)):
            out.append(("title", line))
            continue
        in_title = False
        if len(line) <= 40 and _H1.match(line):
            out.append(("h1", line))
        elif len(line) <= 40 and _H2.match(line):
            out.append(("h2", line))
        elif len(line) <= 40 and _H3.match(line):
            out.append(("h3", line))
        else:
            out.append(("", line))
    # The 落款: a date line at the end, with the short line before it (the issuing organ).
    if out and re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", out[-1][1]):
        out[-1] = ("sign", out[-1][1])
        if len(out) > 1 and len(out[-2][1]) <= 30 and not _SENTENCE_END.search(out[-2][1]):
            out[-2] = ("sign", out[-2][1])
    if out and out[-1][0] == "title":  # all of a short text: only the first line is a title
        out = [out[0]] + [("", t) for _, t in out[1:]]
    title_idx = [i for i, (c, _) in enumerate(out) if c == "title"]
    sign_idx = [i for i, (c, _) in enumerate(out) if c == "sign"]
    if title_idx:
        out[title_idx[-1]] = ("title last", out[title_idx[-1]][1])
    if sign_idx:
        out[sign_idx[0]] = ("sign first", out[sign_idx[0]][1])
    return out


def text_to_html(text: str, *, header: str | None = None, page_numbers: bool = True) -> str:
    """An HTML page laying the text out as a printed report (one paragraph per line)."""
    css = CSS
    header_css = ""
    if header:
        header_css = (f'@top-center {{ content: "{header}"; font: 10.5pt "{SERIF}"; vertical-align: bottom; '
                      f'padding-bottom: 3mm; border-bottom: 0.6pt solid #000; margin-bottom: 12mm; }}')
    css = css.replace("__HEADER__", header_css)
    if not page_numbers:
        css = re.sub(r"@bottom-center \{[^}]*\}", "", css)
    body = "\n".join(
        f'<p class="{cls}">{html.escape(line)}</p>' if cls else f"<p>{html.escape(line)}</p>"
        for cls, line in classify(text.splitlines())
    )
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>{css}</style>'
            f"</head><body>\n{body}\n</body></html>\n")


def html_to_pdf(page: str, out: Path, *, timeout: float = 120) -> Path:
    """Print an HTML page to a PDF with headless Chromium (no browser header or footer)."""
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).exists()):
        raise FileNotFoundError(f"chromium not found at {CHROMIUM} (apt-get install chromium fonts-noto-cjk)")
    out = Path(out)
    with tempfile.TemporaryDirectory(prefix="scanpdf-") as tmp:
        src = Path(tmp) / "page.html"
        src.write_text(page, encoding="utf-8")
        target = Path(tmp) / "out.pdf"
        cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-dev-shm-usage", "--no-pdf-header-footer",
               f"--user-data-dir={tmp}/profile", f"--print-to-pdf={target}", src.as_uri()]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        if not target.exists() or target.stat().st_size == 0:
            raise RuntimeError(f"chromium printed no PDF (exit {proc.returncode}): {proc.stderr[-2000:]}")
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, out)
    return out


def rasterise(pdf: Path | bytes, dpi: int) -> list[Image.Image]:
    """Each page of a PDF as an RGB picture at `dpi`."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    try:
        return [doc[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(doc))]
    finally:
        doc.close()


def _font(kind: str, size: int) -> ImageFont.ImageFont:
    for path in FONT_FILES[kind]:
        if Path(path).exists():
            return ImageFont.truetype(path, size, index=2)  # index 2 of the Noto CJK .ttc: SC
    return ImageFont.load_default(size)


def draw_seal(size_px: int, text: str, rng: random.Random) -> Image.Image:
    """A round red seal (ring, star, name along the upper arc) on white, for multiplying."""
    scale = 3  # draw large, shrink for smooth edges
    s = size_px * scale
    layer = Image.new("L", (s, s), 0)  # ink amount
    d = ImageDraw.Draw(layer)
    ring = max(2, s // 28)
    d.ellipse((ring // 2, ring // 2, s - ring // 2, s - ring // 2), outline=255, width=ring)
    c = s / 2
    r_star = s * 0.17
    pts = [(c + (r_star if k % 2 == 0 else r_star * 0.38) * math.sin(k * math.pi / 5),
            c - (r_star if k % 2 == 0 else r_star * 0.38) * math.cos(k * math.pi / 5)) for k in range(10)]
    d.polygon(pts, fill=255)
    if text:
        font_px = int(s * 0.13)
        font = _font("sans-bold", font_px)
        radius = s / 2 - ring - font_px * 0.62
        span = min(250.0, 20.0 * len(text) + 20)  # degrees of arc the name takes
        for k, ch in enumerate(text):
            angle = -span / 2 + span * (k + 0.5) / len(text)  # 0 = top, clockwise
            glyph = Image.new("L", (font_px * 2, font_px * 2), 0)
            ImageDraw.Draw(glyph).text((font_px, font_px), ch, font=font, fill=255, anchor="mm")
            glyph = glyph.rotate(-angle, resample=Image.BICUBIC)
            gx = c + radius * math.sin(math.radians(angle)) - font_px
            gy = c - radius * math.cos(math.radians(angle)) - font_px
            layer.paste(255, (int(gx), int(gy)), glyph)
    # Uneven stamping: some ink missing in blotches.
    blotch = Image.effect_noise((max(8, s // 24), max(8, s // 24)), 60).resize((s, s), Image.BICUBIC)
    blotch = blotch.point(lambda v: 255 if v > 95 else int(v * 2.4))
    layer = ImageChops.multiply(layer, blotch).resize((size_px, size_px), Image.LANCZOS)
    layer = layer.rotate(rng.uniform(-25, 25), resample=Image.BICUBIC)
    ink = (205, 30, 35)
    out = Image.new("RGB", (size_px, size_px), (255, 255, 255))
    red = Image.new("RGB", (size_px, size_px), ink)
    return Image.composite(red, out, layer.point(lambda v: int(v * 0.85)))


def _text_bottom(page: Image.Image, dpi: int) -> tuple[int, int]:
    """(right edge, bottom) in pixels of the ink inside the type area of a page."""
    px = dpi / MM_PER_INCH
    top, bottom = int(MARGINS_MM["top"] * px), int(page.height - MARGINS_MM["bottom"] * px)
    left, right = int(MARGINS_MM["left"] * px), int(page.width - MARGINS_MM["right"] * px)
    box = page.crop((left, top, right, bottom)).convert("L").point(lambda v: 255 if v < 128 else 0).getbbox()
    if not box:
        return right, top
    return left + box[2], top + box[3]


def simulate_scan(page: Image.Image, dpi: int, rng: random.Random, *, seal_text: str | None = None,
                  skew_deg: float = 0.6, noise: float = 10.0, blur: float = 0.5) -> Image.Image:
    """What a scanner adds to a printed page: paper tone, seal, skew, blur, noise, dust."""
    img = page.convert("RGB")
    if seal_text is not None:
        size = int(42 / MM_PER_INCH * dpi)  # a 42 mm seal
        right, bottom = _text_bottom(img, dpi)
        cx = min(right - size // 2, int(img.width * 0.70))
        cy = max(size // 2, bottom - int(size * 0.35))
        seal = draw_seal(size, seal_text, rng)
        region = (cx - size // 2, cy - size // 2, cx - size // 2 + size, cy - size // 2 + size)
        img.paste(ImageChops.multiply(img.crop(region), seal), region[:2])
    tone = Image.new("RGB", img.size, (rng.randint(240, 250), rng.randint(238, 248), rng.randint(228, 240)))
    img = ImageChops.multiply(img, tone)
    if skew_deg:
        img = img.rotate(rng.uniform(-skew_deg, skew_deg), resample=Image.BICUBIC, expand=False,
                         fillcolor=(245, 244, 238))
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur * dpi / 150))
    if noise:
        grain = Image.effect_noise(img.size, noise).convert("RGB")
        img = ImageChops.add(img, grain, scale=1.0, offset=-128)
    d = ImageDraw.Draw(img)
    for _ in range(rng.randint(5, 25)):  # dust
        x, y, r = rng.randrange(img.width), rng.randrange(img.height), rng.uniform(0.5, 1.6) * dpi / 150
        g = rng.randint(40, 120)
        d.ellipse((x - r, y - r, x + r, y + r), fill=(g, g, g))
    return img


def images_to_pdf(images: list[Image.Image], out: Path, dpi: int, *, quality: int = 80) -> Path:
    """A PDF of one JPEG picture per page and nothing else (no text layer)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    first, rest = images[0], images[1:]
    first.save(out, "PDF", save_all=True, append_images=rest, resolution=float(dpi), quality=quality)
    return out


def seal_name(text: str) -> str:
    """The issuing organ for the seal: the 落款 line, else the first 人民政府/…局 in the title."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in reversed(lines[-3:]):
        if re.search(r"(人民政府|委员会|局|办公室|街道办事处|街)$", line) and len(line) <= 20:
            return line.split()[-1]
    m = re.search(r"[\u4e00-\u9fff]{2,12}?(人民政府|委员会|局|办公室|街道|街)", "".join(lines[:3]))
    return m.group(0) if m else "人民政府"


def text_to_scanned_pdf(text: str, out: Path, dpi: int = 150, *, seed: int = 0, header: str | None = None,
                        page_numbers: bool = True, seal: bool = True, scan: bool = True,
                        quality: int = 80, text_pdf: Path | None = None) -> Path:
    """Write `out`: the text printed as a report and scanned at `dpi` into an image-only PDF.

    header: a running header on every page (None: none); seal: a red seal over the end
    of the last page; scan: paper tone, skew up to 0.6°, blur, noise and dust (False: clean
    renders); text_pdf: also keep Chromium's PDF (with its text layer) there.
    """
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="scanpdf-") as tmp:
        printed = Path(text_pdf) if text_pdf else Path(tmp) / "printed.pdf"
        html_to_pdf(text_to_html(text, header=header, page_numbers=page_numbers), printed)
        pages = rasterise(printed, dpi)
    if scan or seal:
        last = len(pages) - 1
        pages = [
            simulate_scan(p, dpi, rng, seal_text=seal_name(text) if (seal and i == last) else None,
                          **({} if scan else {"skew_deg": 0, "noise": 0, "blur": 0}))
            for i, p in enumerate(pages)
        ]
    return images_to_pdf(pages, out, dpi, quality=quality)


def has_text_layer(pdf: Path) -> int:
    """Characters pypdfium2 can extract from the PDF (0 for a scan)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return sum(len(doc[i].get_textpage().get_text_range().strip()) for i in range(len(doc)))
    finally:
        doc.close()


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("text", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--dpi", type=int, default=150)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--header")
    ap.add_argument("--clean", action="store_true", help="no scan effects")
    ap.add_argument("--no-seal", action="store_true")
    a = ap.parse_args()
    text_to_scanned_pdf(a.text.read_text(encoding="utf-8"), a.out, a.dpi, seed=a.seed, header=a.header,
                        scan=not a.clean, seal=not a.no_seal)
    print(a.out, "text layer chars:", has_text_layer(a.out))
