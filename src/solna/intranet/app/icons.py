"""The intranet's icons, drawn for it (not Plone's logo): a white house
under a yellow sun ("Sol-na") on Solna's blue.

One drawing, in a 512 × 512 grid (``HOUSE``, ``DOOR``, ``SUN``), gives
every file in ``static/app/``:

==========================  ==================================================
icon.svg                    the source, as a vector (``svg()``)
icon-192.png, icon-512.png  manifest icons, ``purpose: "any"``: a rounded
                            blue square on transparent corners
maskable-192.png,           manifest icons, ``purpose: "maskable"``: full
maskable-512.png            bleed blue, the drawing inside the central 80 %
                            (the safe zone of the W3C Web App Manifest
                            spec, "maskable icons": a circle of radius 40 %)
apple-touch-icon.png        180 px, full bleed, no transparency (iOS rounds
                            the corners itself)
badge-96.png                a notification's badge: the house alone, white on
                            transparent (Android uses only the alpha channel)
favicon-32.png              the browser tab
==========================  ==================================================

Regenerate after changing the drawing (Pillow only)::

    .venv/bin/python -m solna.intranet.app.icons

and commit the files (``assets.version()`` changes with them, so phones fetch
the new ones on their next visit).
"""

from pathlib import Path


#: Solna's blue, and the colours of the drawing.
BLUE = "#00558c"
WHITE = "#ffffff"
SUN = "#ffc82e"
#: The grid every shape is written in.
GRID = 512
#: A house: roof ridge at the top, eaves, walls (points in the grid).
HOUSE = (
    (256, 150),
    (404, 268),
    (370, 268),
    (370, 392),
    (142, 392),
    (142, 268),
    (108, 268),
)
#: The door: a blue rectangle in the house (left, top, right, bottom).
DOOR = (226, 300, 286, 392)
#: The sun, above the roof on the right: centre and radius.
SUN_CIRCLE = (372, 146, 40)
#: Corner radius of the rounded square (``purpose: "any"`` icons).
CORNER = 112

STATIC = Path(__file__).parents[1] / "static" / "app"


def svg():
    """The drawing as an SVG document (str), a rounded blue square."""
    points = " ".join(f"{x},{y}" for x, y in HOUSE)
    left, top, right, bottom = DOOR
    cx, cy, r = SUN_CIRCLE
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" '
        'width="512" height="512">\n'
        "  <title>Solna intranät</title>\n"
        f'  <rect width="512" height="512" rx="{CORNER}" fill="{BLUE}"/>\n'
        f'  <circle cx="{cx}" cy="{cy}" r="{r}" fill="{SUN}"/>\n'
        f'  <polygon points="{points}" fill="{WHITE}"/>\n'
        f'  <rect x="{left}" y="{top}" width="{right - left}" '
        f'height="{bottom - top}" fill="{BLUE}"/>\n'
        "</svg>\n"
    )


def _draw(size, *, background, rounded, scale=1.0, sun=True, house=WHITE):
    """An RGBA image of ``size`` px: the drawing scaled by ``scale`` about
    the centre (1.0: as in the grid). Drawn 4 times larger and reduced, so
    edges are smooth."""
    from PIL import Image
    from PIL import ImageDraw

    big = size * 4
    unit = big / GRID
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if background:
        if rounded:
            draw.rounded_rectangle(
                (0, 0, big - 1, big - 1), radius=CORNER * unit, fill=background
            )
        else:
            draw.rectangle((0, 0, big, big), fill=background)

    def at(x, y):
        centre = GRID / 2
        return (
            (centre + (x - centre) * scale) * unit,
            (centre + (y - centre) * scale) * unit,
        )

    if sun:
        cx, cy, r = SUN_CIRCLE
        (x, y), radius = at(cx, cy), r * scale * unit
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=SUN)
    draw.polygon([at(x, y) for x, y in HOUSE], fill=house)
    left, top, right, bottom = DOOR
    door = (*at(left, top), *at(right, bottom))
    if background:
        draw.rectangle(door, fill=background)
    else:
        draw.rectangle(door, fill=(0, 0, 0, 0))
    return image.resize((size, size), Image.LANCZOS)


def render(directory=STATIC):
    """Write every icon into ``directory``; returns {file name: size}."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "icon.svg").write_text(svg(), encoding="utf-8")
    # The drawing spans 108-404 × 106-392 of 512: within the central 80 %
    # (51-461) already; 0.9 keeps the sun well inside the safe circle.
    images = {
        "icon-192.png": _draw(192, background=BLUE, rounded=True),
        "icon-512.png": _draw(512, background=BLUE, rounded=True),
        "maskable-192.png": _draw(192, background=BLUE, rounded=False, scale=0.8),
        "maskable-512.png": _draw(512, background=BLUE, rounded=False, scale=0.8),
        "apple-touch-icon.png": _draw(
            180, background=BLUE, rounded=False, scale=0.9
        ).convert("RGB"),
        "badge-96.png": _draw(96, background=None, rounded=False, sun=False, scale=1.3),
        "favicon-32.png": _draw(32, background=BLUE, rounded=True, scale=1.1),
    }
    sizes = {}
    for name, image in images.items():
        image.save(directory / name, optimize=True)
        sizes[name] = image.size[0]
    return sizes


if __name__ == "__main__":  # pragma: no cover
    for name, size in render().items():
        print(f"{STATIC / name}: {size} px")
