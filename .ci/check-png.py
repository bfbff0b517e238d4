#!/usr/bin/env python3
"""Checks that a screenshot of report.html is not blank and shows the report's charts.

Decodes the PNG with the standard library only (zlib, struct), then requires: enough
variation in brightness overall; pixels of the chart colours (the accent blue of bars and
bands, the red of mean markers); and chart ink spread over many rows of the page, so that
charts further down were drawn too. Prints one line per check; exits 1 when one fails.
Usage: check-png.py FILE.png [MIN_CHART_ROWS]
"""
import struct
import sys
import zlib


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace != 0:
        raise ValueError(f"unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
    channels = 3 if colour == 2 else 4
    stride = width * channels
    raw = zlib.decompress(idat)
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
                line[i] = (line[i] + predictor) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def main():
    path = sys.argv[1]
    minimum_rows = int(sys.argv[2]) if len(sys.argv) > 2 else 400
    width, height, channels, rows = decode(path)
    count = total = squares = 0
    blue = red = 0
    chart_rows = 0
    for y, row in enumerate(rows):
        row_has_chart = False
        for x in range(0, width * channels, channels * 2):  # every other pixel is plenty
            r, g, b = row[x], row[x + 1], row[x + 2]
            luminance = 0.299 * r + 0.587 * g + 0.114 * b
            count += 1
            total += luminance
            squares += luminance * luminance
            if b > 150 and r < 150 and b - r > 60:
                blue += 1
                row_has_chart = True
            if r > 160 and g < 90 and b < 90:
                red += 1
        chart_rows += row_has_chart
    mean = total / count
    sd = max(0.0, squares / count - mean * mean) ** 0.5
    checks = [
        (f"brightness sd {sd:.1f} > 10 (page is not blank)", sd > 10),
        (f"chart-blue pixels {blue} > 2000", blue > 2000),
        (f"mean-marker red pixels {red} > 50", red > 50),
        (f"rows holding chart colour {chart_rows} > {minimum_rows}", chart_rows > minimum_rows),
    ]
    failed = False
    for text, ok in checks:
        print(("ok    " if ok else "FAIL  ") + text)
        failed |= not ok
    print(f"{path}: {width}x{height}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
