/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-import-csv.h: items or VIN lists from CSV, all or nothing
 *
 * Input is UTF-8 (with or without a byte-order mark), taken only when the whole file is valid UTF-8
 * without a NUL, or UTF-16 with a byte-order mark. Nothing else is guessed: a file in another
 * encoding (GB18030 from Chinese Excel, Latin-1, Windows-1252, Shift-JIS) is a CS_IMPORT_ERROR_ENCODING
 * error whose message shows how a line reads in each; the caller lets the user choose (previews from
 * cs_import_csv_previews ()), decodes with cs_import_csv_decode () and imports the UTF-8 text it
 * returns. A NUL character anywhere is an error naming the line. Fields follow RFC 4180;
 * the separator (comma, semicolon or tab) is taken from the first line. Columns are found from
 * the header row in English or Chinese ("Description/品名", "HS code/商品编码", "Gross kg/毛重",
 * "VIN/车架号", ...) unless the caller passes a mapping. A leading single quote that an export
 * put before = + - @ to neutralise a formula is removed again.
 *
 * Either every row is good and the new objects are returned, or nothing is returned and
 * @problems lists every bad row ("items.csv:7: Gross kg: “12,5t” is not a number"), with a
 * CS_IMPORT_ERROR_ROWS error. Whole-file failures (encoding, unterminated quote, no usable
 * column) are a GError naming the file and line.
 */
#pragma once

#include "cs-model.h"

G_BEGIN_DECLS

#define CS_IMPORT_ERROR (cs_import_error_quark ())

typedef enum
{
  CS_IMPORT_ERROR_ENCODING,   /* not UTF-8 (or not valid in the encoding chosen) */
  CS_IMPORT_ERROR_SYNTAX,     /* a quoted field never ends */
  CS_IMPORT_ERROR_EMPTY,      /* no data rows */
  CS_IMPORT_ERROR_COLUMNS,    /* a required column is missing or the mapping is out of range */
  CS_IMPORT_ERROR_ROWS,       /* bad rows: *problems lists every one */
  CS_IMPORT_ERROR_NUL,        /* a NUL character (binary data, or UTF-16 without a byte-order mark) */
} CsImportError;

GQuark cs_import_error_quark (void);

/* Encodings a user may choose for a file that is not UTF-8. */
typedef enum
{
  CS_IMPORT_ENCODING_UTF8,          /* UTF-8, or UTF-16 with a byte-order mark: nothing else */
  CS_IMPORT_ENCODING_GB18030,       /* Chinese (also GBK, GB2312) */
  CS_IMPORT_ENCODING_LATIN1,        /* ISO-8859-1 */
  CS_IMPORT_ENCODING_WINDOWS_1252,  /* Western European Windows */
  CS_IMPORT_ENCODING_SHIFT_JIS,     /* Japanese */
  CS_IMPORT_N_ENCODINGS
} CsImportEncoding;

typedef struct
{
  CsImportEncoding  encoding;
  guint             line;   /* 1-based line shown: the first with a non-ASCII byte */
  char             *text;   /* that line decoded (cut after 200 bytes, with "…"); NULL when the
                             * bytes are not valid in this encoding */
} CsImportPreview;

/* The iconv name ("GB18030", "SHIFT_JIS"). */
const char  *cs_import_encoding_name     (CsImportEncoding  encoding);
/* Translated name for a chooser ("Latin-1 (ISO-8859-1)"). */
const char  *cs_import_encoding_label    (CsImportEncoding  encoding);
/* From a user's spelling ("gb18030", "latin-1", "ISO-8859-1", "cp1252", "Shift_JIS", "utf-8"),
 * case and punctuation ignored; FALSE when unknown. */
gboolean     cs_import_encoding_from_name (const char      *name,
                                          CsImportEncoding *out);

/* How the first line that differs between encodings reads in each encoding on offer (every
 * encoding but UTF-8), in enum order: CsImportPreview, free with g_ptr_array_unref (). */
GPtrArray   *cs_import_csv_previews      (const char       *data,
                                          gsize             len);
void         cs_import_preview_free      (CsImportPreview  *preview);

/* The file as UTF-8 text (NUL-terminated; @len_out, may be NULL, gets its length). A byte-order
 * mark wins over @encoding. With CS_IMPORT_ENCODING_UTF8 a file that is not UTF-8 is an error
 * naming the line and showing the previews; a NUL character is an error naming the line. */
char        *cs_import_csv_decode        (const char       *data,
                                          gsize             len,
                                          const char       *source,
                                          CsImportEncoding  encoding,
                                          gsize            *len_out,
                                          GError          **error);

/* One record of a CSV file (cs_import_csv_rows ()). */
typedef struct
{
  guint      line;    /* 1-based line where the record starts (a quoted field may span lines) */
  GPtrArray *cells;   /* of char *, UTF-8, as in the file (not trimmed); at least one */
} CsImportRow;

void         cs_import_row_free          (CsImportRow      *row);

/* The records of a CSV file, for importers of other tables (the party directory, the product
 * catalogue): decoded as cs_import_csv_decode () does (so with the same encoding errors), split
 * as the item importer splits them (RFC 4180, separator from the first line), blank records left
 * out, and the quote a CSV export puts before = + - @ removed from each cell. Returns a
 * GPtrArray of CsImportRow (empty for an empty file), or NULL with CS_IMPORT_ERROR_ENCODING,
 * _NUL or _SYNTAX naming the file and line. */
GPtrArray   *cs_import_csv_rows          (const char       *data,
                                          gsize             len,
                                          const char       *source,
                                          CsImportEncoding  encoding,
                                          GError          **error);

/* The records of @text, UTF-8 already decoded by cs_import_csv_decode () (NUL-terminated, no NUL
 * inside), split as cs_import_csv_rows () splits them; NULL with CS_IMPORT_ERROR_SYNTAX. */
GPtrArray   *cs_import_csv_split         (const char       *text,
                                          const char       *source,
                                          GError          **error);

typedef enum
{
  CS_IMPORT_FIELD_LINE,
  CS_IMPORT_FIELD_CATEGORY,
  CS_IMPORT_FIELD_DESCRIPTION,
  CS_IMPORT_FIELD_HS_CODE,
  CS_IMPORT_FIELD_QUANTITY,
  CS_IMPORT_FIELD_UNIT,
  CS_IMPORT_FIELD_PACKAGES,
  CS_IMPORT_FIELD_PACKAGE_TYPE,
  CS_IMPORT_FIELD_NET_KG,
  CS_IMPORT_FIELD_GROSS_KG,
  CS_IMPORT_FIELD_VOLUME_M3,
  CS_IMPORT_FIELD_VALUE,
  CS_IMPORT_FIELD_ORIGIN,
  CS_IMPORT_FIELD_CONTAINER,
  CS_IMPORT_FIELD_MARKS,
  CS_IMPORT_FIELD_UN_NUMBER,
  CS_IMPORT_FIELD_DG_CLASS,
  CS_IMPORT_FIELD_VIN,
  CS_IMPORT_N_FIELDS
} CsImportField;

typedef struct
{
  gboolean has_header;                    /* the first row names the columns */
  int      column[CS_IMPORT_N_FIELDS];    /* 0-based column of each field; -1 = not imported */
} CsImportMapping;

typedef struct
{
  char  *source;    /* file name as given */
  guint  line;      /* 1-based line where the row starts */
  char  *column;    /* the column's header text (or field name); NULL for the whole row */
  char  *message;   /* translated: what is wrong, quoting the value */
} CsImportProblem;

void         cs_import_problem_free      (CsImportProblem *problem);
/* "source:line: column: message" */
char        *cs_import_problem_to_string (const CsImportProblem *problem);

/* Stable key of a field ("description", "hs_code", ...), for remembering a mapping. */
const char  *cs_import_field_key         (CsImportField field);
/* Translated column label ("Gross kg"). */
const char  *cs_import_field_label       (CsImportField field);
/* The field a header cell names in English or Chinese ("Gross kg", "毛重", "Description/品名":
 * case, spaces, punctuation and a bracketed unit ignored; either part of "English/中文"), or -1.
 * The table the importers detect their columns with. */
int          cs_import_field_for_header  (const char      *header);
/* Every column -1, has_header TRUE. */
void         cs_import_mapping_init      (CsImportMapping *mapping);

/* Reads the first row: the mapping the import would use and the file's column names (for a
 * mapping editor). @headers_out (may be NULL) gets the first row's cells. */
gboolean     cs_import_csv_detect        (const char       *data,
                                          gsize             len,
                                          const char       *source,
                                          CsImportMapping  *mapping_out,
                                          GStrv            *headers_out,
                                          GError          **error);

/* New CsItem objects (no parent), in file order, or NULL. Lines are taken from a Line column
 * when there is one, else left unset for the caller to number. Needs a Description column. */
GPtrArray   *cs_import_csv_items         (const char             *data,
                                          gsize                   len,
                                          const char             *source,
                                          const CsImportMapping  *mapping,
                                          GPtrArray             **problems,
                                          GError                **error);

/* The VINs of a VIN list (a VIN column, or a first column of VINs without a header), upper
 * case, in file order, each well formed and none repeated; or NULL. */
GStrv        cs_import_csv_vins          (const char             *data,
                                          gsize                   len,
                                          const char             *source,
                                          const CsImportMapping  *mapping,
                                          GPtrArray             **problems,
                                          GError                **error);

/* The same three over records already read: cs_import_csv_rows () of a file, or an xlsx sheet's
 * rows (cs-table-import.c: a row's line is then its sheet row, which every problem names). The
 * CSV functions above are cs_import_csv_rows () and these. @rows is not changed. */
gboolean     cs_import_rows_detect       (GPtrArray              *rows,
                                          const char             *source,
                                          CsImportMapping        *mapping_out,
                                          GStrv                  *headers_out,
                                          GError                **error);
GPtrArray   *cs_import_rows_items        (GPtrArray              *rows,
                                          const char             *source,
                                          const CsImportMapping  *mapping,
                                          GPtrArray             **problems,
                                          GError                **error);
GStrv        cs_import_rows_vins         (GPtrArray              *rows,
                                          const char             *source,
                                          const CsImportMapping  *mapping,
                                          GPtrArray             **problems,
                                          GError                **error);

/* The VINs a draft holds already, so that an import into it reports a row that brings one again
 * on that row ("items.csv:7: VIN: VIN LSVAU2180N2183294 is already on line 3 of SH-2024-001"),
 * as it reports a VIN repeated within the file. A copy: take it on the thread that owns @draft
 * and import with it on any thread. */
typedef struct _CsImportDraftVins CsImportDraftVins;

CsImportDraftVins *cs_import_draft_vins_new   (CsManifest              *draft);
/* Shared read-only between threads: a reference each. */
CsImportDraftVins *cs_import_draft_vins_ref   (CsImportDraftVins       *vins);
void               cs_import_draft_vins_unref (CsImportDraftVins       *vins);
/* The line of the draft holding @vin (its line number, else its place, 1-based), or 0. */
guint              cs_import_draft_vins_line (const CsImportDraftVins *vins,
                                              const char              *vin);

/* cs_import_rows_items () and cs_import_rows_vins () into a draft: also every VIN @draft_vins
 * (may be NULL) holds is a problem on the row that brings it. */
GPtrArray   *cs_import_rows_items_into   (GPtrArray                *rows,
                                          const char               *source,
                                          const CsImportMapping    *mapping,
                                          const CsImportDraftVins  *draft_vins,
                                          GPtrArray               **problems,
                                          GError                  **error);
GStrv        cs_import_rows_vins_into    (GPtrArray                *rows,
                                          const char               *source,
                                          const CsImportMapping    *mapping,
                                          const CsImportDraftVins  *draft_vins,
                                          GPtrArray               **problems,
                                          GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsImportDraftVins, cs_import_draft_vins_unref)

G_END_DECLS
