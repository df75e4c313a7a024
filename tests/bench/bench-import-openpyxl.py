#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""bench-import-openpyxl.py XLSX: what a user would otherwise script with openpyxl to read a
workbook: load_workbook(read_only=True) and every row's values, as bench-import.c's "xlsx read"
touches every cell. Prints wall and CPU seconds and the peak RSS in the format of bench-import."""

import resource
import sys
import time

import openpyxl


def main():
    t0 = time.monotonic()
    c0 = time.process_time()
    wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
    ws = wb.worksheets[0]
    n = 0
    for row in ws.iter_rows(values_only=True):
        for v in row:
            if v is not None:
                n += len(str(v))
    wb.close()
    wall = time.monotonic() - t0
    cpu = time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print("%-34s %8.3f s wall %8.3f s CPU   peak RSS %7.1f MB" % (
        "openpyxl read-only (same xlsx)", wall, cpu, peak))


if __name__ == "__main__":
    main()
