/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-export.h: every export format behind one entry point
 *
 * cs_export_to_file() writes to a temporary file beside the target, reads it back to verify it,
 * then renames it into place, so a failure or a crash never leaves a half-written file; it
 * reports the SHA-256 of what it wrote for the store's `exports` audit table. It never replaces
 * anything but a regular file, and never a database or one of options->protect (see
 * cs-export.c). Each format only implements a writer that writes a complete file at the
 * temporary path it is given (opening that path, not replacing it).
 */
#pragma once

#include "cs-model.h"

G_BEGIN_DECLS

#define CS_EXPORT_ERROR (cs_export_error_quark ())

typedef enum
{
  CS_EXPORT_ERROR_FORMAT,     /* unknown format name */
  CS_EXPORT_ERROR_ENCODING,   /* text the format cannot carry (e.g. Chinese in UNOC) */
  CS_EXPORT_ERROR_INVALID,    /* the manifest lacks something the format requires */
  CS_EXPORT_ERROR_IO,         /* writing failed, or what was written did not read back whole */
  CS_EXPORT_ERROR_TARGET,     /* the target may not be replaced: not a regular file, a database,
                               * the store or the input (options->protect) */
  CS_EXPORT_ERROR_UNCONFIRMED,/* the manifest has errors and no one confirmed exporting it
                               * (cs-export-service.h) */
  CS_EXPORT_ERROR_NOT_STORED, /* an EDIFACT cancellation of a manifest that is no draft of the store
                               * (nothing says what was sent) */
} CsExportError;

GQuark cs_export_error_quark (void);

typedef struct _CsCatalog CsCatalog;

typedef struct
{
  CsCatalog  *catalog;         /* may be NULL: writers then skip catalog-derived labels */
  GPtrArray  *findings;        /* of CsFinding, for a Validation sheet/section; may be NULL */
  gboolean    bilingual;       /* xlsx/csv/pdf: Chinese and English headers */
  const char *encoding;        /* csv: "utf-8" (default) or "gb18030" */
  gboolean    bom;             /* csv: write a UTF-8 byte-order mark */
  const char *sender;          /* edifact: UNB sender id */
  const char *recipient;       /* edifact: UNB recipient id */
  const char *directory;       /* edifact: "D96B" (default and only) */
  gint64      interchange_ref; /* edifact: control reference (unique, increasing; from the store) */
  const char *installation;    /* edifact: this installation's id (cs_edifact_installation_id),
                                * put before interchange_ref in UNB 0020; NULL = none */
  const char *message_function;/* edifact: BGM 1225, "9" original (default), "5" replacement,
                                * "1" cancellation (cs_edifact_message_function) */
  gboolean    test_indicator;  /* edifact: UNB 0035 = 1, the interchange is a test */
  GDateTime  *now;             /* time stamp to write; NULL = now */
  const char *const *protect;  /* NULL-terminated files never to replace, through any link (the
                                * draft store, the input file); may be NULL. Databases are
                                * refused anyway. */
} CsExportOptions;

/* Writes a whole file at @path (a temporary name chosen by cs_export_to_file). */
typedef gboolean (*CsExportWriteFunc) (CsManifest            *manifest,
                                       const CsExportOptions *options,
                                       const char            *path,
                                       GError               **error);

typedef struct
{
  const char        *name;       /* "xlsx", "csv", "xml", "edifact", "pdf", "json" */
  const char        *extension;  /* without the dot */
  const char        *mime_type;
  CsExportWriteFunc  write;
} CsExportFormat;

/* NULL-terminated by name == NULL. */
const CsExportFormat *cs_export_formats      (void);
const CsExportFormat *cs_export_format_find  (const char *name);

/* Writes @manifest to @path atomically. @sha256_out (may be NULL) receives the hex digest. */
gboolean cs_export_to_file (const char             *format,
                            CsManifest             *manifest,
                            const CsExportOptions  *options,
                            const char             *path,
                            char                  **sha256_out,
                            GError                **error);

/* Writers, one per format (each in its own file). */
gboolean cs_export_json_write    (CsManifest *m, const CsExportOptions *o, const char *path, GError **error);
gboolean cs_export_xlsx_write    (CsManifest *m, const CsExportOptions *o, const char *path, GError **error);
gboolean cs_export_csv_write     (CsManifest *m, const CsExportOptions *o, const char *path, GError **error);
gboolean cs_export_xml_write     (CsManifest *m, const CsExportOptions *o, const char *path, GError **error);
gboolean cs_export_edifact_write (CsManifest *m, const CsExportOptions *o, const char *path, GError **error);
gboolean cs_export_pdf_write     (CsManifest *m, const CsExportOptions *o, const char *path, GError **error);

/* Fills the temporary file @tmp (created empty by cs_export_write_file()). */
typedef gboolean (*CsExportFillFunc) (const char *tmp,
                                      gpointer    user_data,
                                      GError    **error);

/* Every file an export writes, whatever it holds: checks the target (@protect as in
 * CsExportOptions), has @fill write a temporary file beside it, reads it back as a file of
 * @format ("xlsx", "csv", "xml", "edifact", "pdf", "json"), syncs it and renames it over @path.
 * On failure the target is as it was and nothing of ours is left. */
gboolean cs_export_write_file (const char         *path,
                               const char         *format,
                               const char * const *protect,
                               CsExportFillFunc    fill,
                               gpointer            user_data,
                               char              **sha256_out,
                               GError            **error);

/* A CSV field as every CSV we write has it: text that a spreadsheet would run as a formula
 * (starting with = + - @, tab or CR) gets a leading quote, and the field is quoted (RFC 4180)
 * when it holds a comma, a semicolon, a double quote or a line break. NULL appends nothing. */
void     cs_export_csv_append_text (GString    *out,
                                    const char *text);

/* A private folder in @dir for a writer's own temporary files (libxlsxwriter's sheet parts),
 * named like the export's temporary files and locked while it lives: a killed export's folder
 * is removed by the next export into @dir, never a file of the user's. NULL with @error set. */
typedef struct _CsExportScratch CsExportScratch;
CsExportScratch *cs_export_scratch_new      (const char      *dir,
                                             GError         **error);
const char      *cs_export_scratch_get_path (CsExportScratch *scratch);
/* Removes the folder and whatever was left in it. */
void             cs_export_scratch_free     (CsExportScratch *scratch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsExportScratch, cs_export_scratch_free)

G_END_DECLS
