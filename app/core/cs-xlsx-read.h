/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-xlsx-read.h: reading the sheets of an Excel workbook (.xlsx), row by row
 *
 * Why these libraries: an .xlsx file is an Open Packaging zip of XML parts. libgsf's GsfInfileZip
 * is the GNOME library made for exactly these containers (Gnumeric reads Office files with it):
 * it finds the parts in the zip directory and inflates each one as a stream. Every XML part (the
 * relationships that say where the workbook, its sheets, shared strings and styles are; the
 * workbook) is read with libxml2's streaming reader (xmlTextReader), a pull parser that holds one
 * node at a time; a sheet, most of a workbook, with libxml2's SAX2 push parser fed the inflated
 * part in chunks, which builds no node at all (the reader builds and frees a node for each, most
 * of its cost). Either way a sheet of a million rows costs the memory of one row (plus the shared
 * strings, which Excel keeps in one part that any cell may point into), and errors carry the
 * line. (libgsf's own relationship helpers are not used: on a damaged
 * relationship part they log a critical instead of returning an error.) Both libraries are
 * long-maintained and packaged wherever GTK is. We write no zip or XML parsing of our own.
 *
 * What a cell gives (CsXlsxCell): shared and inline strings (rich-text runs joined, phonetic
 * guides left out, the _xHHHH_ escapes of control characters decoded); numbers; booleans; dates
 * and times, recognised from the cell's number format (built-in date formats and custom formats
 * with d, m, y, h or s outside quotes), in the workbook's date system: 1900 (serial 1 is
 * 1900-01-01, and serial 60 is the 29 February 1900 that Lotus 1-2-3 invented and Excel kept,
 * which is refused as a cell error) or 1904 (workbook.xml's date1904, serial 0 is 1904-01-01).
 * A formula gives its cached value (what Excel showed when it saved); a formula without one (a
 * file written by a program that does not compute formulas) is an error naming the cell, since
 * we do not evaluate formulas. Error values (#N/A, #DIV/0!) are delivered as CS_XLSX_CELL_ERROR
 * cells for the caller to report with its column name.
 *
 * Merged cells are refused: an error naming the first merged range (Excel keeps the value only in
 * the top-left cell, so the other rows of a merged "Description" would silently import empty; the
 * user unmerges, or fills the cells, and imports again). Excel stores the merge list after the
 * rows, so the error comes after every row has been delivered: callers must treat a failed read
 * as "nothing read" (the importers do: they write only after a successful read).
 *
 * Damaged or foreign files are a CS_XLSX_ERROR naming the file (and the part and line where it
 * applies): not a zip, an Excel 97-2003 .xls, a truncated zip (its directory missing), a damaged
 * part (inflating fails), a part that is not XML, missing parts (no workbook, no sheet, a
 * relationship pointing nowhere), a bad cell reference.
 *
 * Nothing here uses GTK; a read may take seconds for a large file, so the GUI reads on a worker
 * thread (one CsXlsxBook per thread).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CS_XLSX_ERROR (cs_xlsx_error_quark ())

typedef enum
{
  CS_XLSX_ERROR_OPEN,       /* the file cannot be read at all (missing, permission) */
  CS_XLSX_ERROR_NOT_XLSX,   /* not a zip, or an .xls, or a zip without a workbook */
  CS_XLSX_ERROR_DAMAGED,    /* a truncated zip or a part that does not inflate */
  CS_XLSX_ERROR_MISSING,    /* a part the workbook names is not in the file */
  CS_XLSX_ERROR_XML,        /* a part is not well-formed XML (message gives part and line) */
  CS_XLSX_ERROR_NO_SHEET,   /* no sheet of the name asked for (message lists the sheets) */
  CS_XLSX_ERROR_FORMULA,    /* a formula without a cached value */
  CS_XLSX_ERROR_MERGED,     /* the sheet has merged cells */
  CS_XLSX_ERROR_CELL,       /* a bad cell reference or value (a shared-string index out of range) */
} CsXlsxError;

GQuark cs_xlsx_error_quark (void);

typedef enum
{
  CS_XLSX_CELL_EMPTY,
  CS_XLSX_CELL_STRING,
  CS_XLSX_CELL_NUMBER,
  CS_XLSX_CELL_BOOLEAN,
  CS_XLSX_CELL_DATE,       /* number is the serial in the workbook's date system */
  CS_XLSX_CELL_ERROR,      /* text is the error value ("#N/A") or why the value is refused */
} CsXlsxCellType;

typedef struct
{
  CsXlsxCellType  type;
  /* Never NULL. STRING: the text. NUMBER: the shortest text that reads back as the same double
   * ("12.5", "3", "1e-07"). BOOLEAN: "TRUE" or "FALSE". DATE: "YYYY-MM-DD", or
   * "YYYY-MM-DDTHH:MM:SS" when there is a time of day, or "HH:MM:SS" for a time alone. EMPTY: "". */
  const char     *text;
  double          number;  /* NUMBER, DATE (serial), BOOLEAN (0 or 1); 0 otherwise */
} CsXlsxCell;

/* One row: @row is the sheet's 1-based row number, @cells[i] is column i (A = 0), @n_cells covers
 * the row's last non-empty cell. Rows without a non-empty cell are not delivered. The cells are
 * valid only during the call. Return TRUE to go on; FALSE to stop: with @error set the read fails
 * with it, without, the read ends there successfully (a preview of the first rows). */
typedef gboolean (*CsXlsxRowFunc) (guint              row,
                                   const CsXlsxCell  *cells,
                                   guint              n_cells,
                                   gpointer           user_data,
                                   GError           **error);

typedef struct _CsXlsxBook CsXlsxBook;

/* Opens @path and reads the workbook part, the shared strings and the number formats; the sheets
 * are read later, one row at a time. @path also names the file in messages. */
CsXlsxBook         *cs_xlsx_book_open         (const char     *path,
                                               GError        **error);
/* The same from bytes in memory (a file loaded with GIO); @source names it in messages. */
CsXlsxBook         *cs_xlsx_book_open_bytes   (GBytes         *bytes,
                                               const char     *source,
                                               GError        **error);
void                cs_xlsx_book_free         (CsXlsxBook     *book);

/* The sheets' names in workbook order (hidden ones included). */
const char * const *cs_xlsx_book_sheet_names  (CsXlsxBook     *book);
/* The name of the sheet read when none is named: the first sheet that is not hidden. */
const char         *cs_xlsx_book_first_sheet  (CsXlsxBook     *book);
/* TRUE when the workbook uses the 1904 date system. */
gboolean            cs_xlsx_book_is_1904      (CsXlsxBook     *book);

/* Streams the rows of sheet @sheet (NULL: cs_xlsx_book_first_sheet(); else the exact name, or the
 * only one equal ignoring case) to @func. Errors name the file, the sheet and the cell
 * ("book.xlsx: Sheet1!C7: …"). */
gboolean            cs_xlsx_book_read_sheet   (CsXlsxBook     *book,
                                               const char     *sheet,
                                               CsXlsxRowFunc   func,
                                               gpointer        user_data,
                                               GError        **error);

/* "A", "Z", "AA", … for a 0-based column. Free with g_free(). */
char               *cs_xlsx_column_name       (guint           column);

/* The date of a serial in a date system, as CsXlsxCell.text gives it; NULL for serials that are
 * no date (negative, beyond 9999-12-31, or 1900's serial 60). Exposed for tests and for callers
 * that keep numbers. */
char               *cs_xlsx_serial_to_text    (double          serial,
                                               gboolean        date1904);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsXlsxBook, cs_xlsx_book_free)

G_END_DECLS
