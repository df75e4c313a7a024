/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-table-import.h: item and VIN lists from CSV or Excel (.xlsx), one importer for both
 *
 * A table is opened from a file (CSV or xlsx, told apart by the extension and, failing that, by
 * the content: cs_table_format_for_bytes ()), its columns are mapped to item fields from the header row in English or Chinese
 * (the header table of cs-import-csv.c: "Description/品名", "VIN/车架号", "Gross kg/毛重", …) with
 * the user's overrides ("Remarks=marks", "C=gross_kg", "Gewicht=", see cs_table_mapping()), and
 * the rows become items or VINs by the rules of cs-import-csv.c: every bad row is reported
 * (CsImportProblem, "file:row: column: what", the row being the sheet's row number for xlsx and
 * the file's line for CSV), and either every row is good or nothing is returned.
 *
 * CSV text is decoded with cs_import_csv_decode() (UTF-8 with or without a byte-order mark, UTF-16
 * with one, or the encoding the user chose). An xlsx sheet (cs-xlsx-read.h) is read row by row;
 * cells holding an error value (#N/A) are reported as bad rows like any other bad value when their
 * column is imported; dates become YYYY-MM-DD text. Rows above a sheet's header (a title, a date,
 * blank lines: packing lists have them) are left out: the header is the first of the first 20
 * rows that names a column we know; when none does, every row is data (a bare VIN list).
 *
 * At most CS_TABLE_MAX_ROWS data rows (a draft holds at most that many lines): a larger
 * file is refused as soon as the row after the limit is read, so a million-row workbook costs the
 * time and memory of the limit, not of the file.
 *
 * How it is built: a CSV file is read into records by cs_import_csv_rows(), an xlsx sheet's rows
 * become the same records (CsImportRow, the sheet's row number as the line), and both go to
 * cs_import_rows_items()/cs_import_rows_vins(). So both formats follow exactly the same field
 * rules, no rule is written twice, and a sheet is not turned into CSV text to be parsed again.
 *
 * No GTK; a large file takes a second or two: the GUI opens and imports on a worker thread.
 */
#pragma once

#include "cs-import-csv.h"
#include "cs-xlsx-read.h"

G_BEGIN_DECLS

#define CS_TABLE_MAX_ROWS 100000

#define CS_TABLE_ERROR (cs_table_error_quark ())

typedef enum
{
  CS_TABLE_ERROR_TOO_BIG,   /* more than CS_TABLE_MAX_ROWS data rows */
  CS_TABLE_ERROR_MAP,       /* a mapping override names no column or no field */
  CS_TABLE_ERROR_FORMAT,    /* neither CSV nor xlsx */
} CsTableError;

GQuark cs_table_error_quark (void);

typedef enum
{
  CS_TABLE_FORMAT_CSV,
  CS_TABLE_FORMAT_XLSX,
} CsTableFormat;

typedef enum
{
  CS_TABLE_KIND_ITEMS,      /* cargo lines */
  CS_TABLE_KIND_VINS,       /* a VIN list for one vehicle line */
} CsTableKind;

typedef struct _CsTable CsTable;

/* The format of @path by its extension (.csv .txt .tsv: CSV; .xlsx .xlsm: xlsx); FALSE when the
 * extension says neither. */
gboolean      cs_table_format_for_name (const char        *path,
                                        CsTableFormat     *format_out);

/* The format of a file named @name holding @bytes: by the extension when it says one, else xlsx
 * when the content is a zip, else CSV. */
CsTableFormat cs_table_format_for_bytes (const char       *name,
                                         GBytes           *bytes);

/* Reads @path: CSV decoded as @encoding (CS_IMPORT_ENCODING_UTF8 unless the user chose), or the
 * xlsx sheet @sheet (NULL: the first visible sheet). A file whose extension says neither is
 * taken as xlsx when it is a zip, else as CSV. @path names the file in every message. */
CsTable      *cs_table_open            (const char        *path,
                                        CsImportEncoding   encoding,
                                        const char        *sheet,
                                        GError           **error);
/* The same from bytes already loaded (GIO); @source names the file. */
CsTable      *cs_table_open_bytes      (GBytes            *bytes,
                                        const char        *source,
                                        CsTableFormat      format,
                                        CsImportEncoding   encoding,
                                        const char        *sheet,
                                        GError           **error);
/* The sheet @sheet (NULL: the first visible one) of a workbook already open (the import dialog
 * lists its sheets first); @source names the file in every message. */
CsTable      *cs_table_open_book       (CsXlsxBook        *book,
                                        const char        *source,
                                        const char        *sheet,
                                        GError           **error);
void          cs_table_free            (CsTable           *table);

CsTableFormat cs_table_get_format      (CsTable           *table);
/* The cells of the first row (the header, for a mapping editor). */
GStrv         cs_table_dup_headers     (CsTable           *table);

/* The rows as read, the header row included (0 is the first row the import looks at: for a
 * sheet, rows above its header are left out), bad or good, for a preview. */
guint         cs_table_get_n_rows      (CsTable           *table);
/* The cells of row @index as read (untrimmed; error cells of a sheet empty), and in @line_out
 * (may be NULL) the file's line or the sheet's row it starts on. */
GStrv         cs_table_dup_row         (CsTable           *table,
                                        guint              index,
                                        guint             *line_out);

/* Importing into a draft: each VIN @draft_vins holds (cs_import_draft_vins_new ()) is reported on
 * the row that brings it again ("file:row: VIN: VIN … is already on line N of REF"). The table
 * takes the reference @draft_vins (NULL: no draft) and keeps it for every later import. */
void          cs_table_take_draft_vins (CsTable           *table,
                                        CsImportDraftVins *draft_vins);

/* The mapping the import will use: the one detected from the header row, changed by
 * @overrides ("COLUMN=field", may be NULL). COLUMN is a header text (case ignored), else a column
 * letter (A, B, …, AA) or 1-based number; field is a key of cs_import_field_key() ("gross_kg",
 * "vin", …) or a column label ("Gross kg"), or empty to leave the column out. A field given a
 * column is taken from any column the detection gave it. Errors (CS_TABLE_ERROR_MAP) name the
 * override and list the columns or the fields. */
gboolean      cs_table_mapping         (CsTable             *table,
                                        const char * const  *overrides,
                                        CsImportMapping     *mapping_out,
                                        GError             **error);

/* New items in file order, or NULL: with CS_IMPORT_ERROR_ROWS and every bad row in @problems
 * (CsImportProblem), or another error for the whole file (no Description column, no rows). */
GPtrArray    *cs_table_import_items    (CsTable                *table,
                                        const CsImportMapping  *mapping,
                                        GPtrArray             **problems,
                                        GError                **error);
/* The VINs (upper case, file order, each well formed, none twice), or NULL as above. */
GStrv         cs_table_import_vins     (CsTable                *table,
                                        const CsImportMapping  *mapping,
                                        GPtrArray             **problems,
                                        GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsTable, cs_table_free)

G_END_DECLS
