/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-json.h: the JSON interchange format, read and written losslessly
 *
 * Reading refuses bad input as a whole, with a GError naming the place: "FILE:LINE:COL" for
 * syntax and encoding, "FILE: items[0].quantity" for content (wrong type, unknown field,
 * unknown enum value, malformed date). Nothing half-loaded is ever returned.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cs-model.h"

G_BEGIN_DECLS

#define CS_JSON_ERROR (cs_json_error_quark ())

typedef enum
{
  CS_JSON_ERROR_SYNTAX,     /* not JSON, truncated */
  CS_JSON_ERROR_ENCODING,   /* not UTF-8 */
  CS_JSON_ERROR_TYPE,       /* a value of the wrong JSON type */
  CS_JSON_ERROR_VALUE,      /* right type, value not allowed (enum, date, whole number) */
  CS_JSON_ERROR_UNKNOWN,    /* a key the format does not have */
  CS_JSON_ERROR_DUPLICATE,  /* a key given twice in one object (the message names both places) */
} CsJsonError;

GQuark       cs_json_error_quark    (void);

/* @source names the input in messages (a file name, "<stdin>"); may be NULL. */
CsManifest  *cs_json_load_data      (const char  *data,
                                     gssize       length,
                                     const char  *source,
                                     GError     **error);
CsManifest  *cs_json_load_file      (const char  *path,
                                     GError     **error);

/* Reads a whole input file into memory (NUL-terminated; free with g_free()), safely for any
 * path a user may give: a pipe, device, socket or folder is refused at once (G_FILE_ERROR_INVAL,
 * it is never read, so a pipe cannot block), and a file that shrinks, grows or is rewritten while
 * it is read is an error (G_FILE_ERROR_IO) instead of a half-read file or, as with a mapping,
 * SIGBUS. Messages name @path. Used for every JSON file; any other input reader may use it. */
gboolean     cs_read_regular_file   (const char  *path,
                                     char       **contents,
                                     gsize       *length,
                                     GError     **error);
/* Tests only: called between the size check and the read, to change the file there. */
extern void (*_cs_read_file_test_hook) (const char *path, gpointer data);
extern gpointer _cs_read_file_test_data;

/* Any record type from JSON text (an object); @path is the JSON path of that object for messages. */
CsRecord    *cs_json_record_from_data (const char  *data,
                                       gssize       length,
                                       GType        type,
                                       const char  *source,
                                       const char  *path,
                                       GError     **error);

/* Checks that objects and arrays in @data nest at most @max_depth levels (strings skipped; the
 * text need not be valid JSON), so that a recursive parser such as json-glib's cannot run out of
 * stack on a crafted file, and that it holds one value (json-glib 1.6 accepts "{} []", keeping the
 * first value and losing the rest). On failure sets CS_JSON_ERROR_SYNTAX "SOURCE:LINE:COL: …" (only
 * "LINE:COL: …" when @source is NULL). The interchange reader needs no such check: it follows
 * the model, whose records do not nest. */
gboolean     cs_json_check_depth    (const char  *data,
                                     gssize       length,
                                     guint        max_depth,
                                     const char  *source,
                                     GError     **error);

/* Pretty-printed JSON (2-space indent, keys in model order), UTF-8, ending in a newline. */
char        *cs_json_dump           (CsManifest  *manifest,
                                     gsize       *length);
/* Appends one record as a JSON object at @indent levels. */
void         cs_json_append_record  (GString     *out,
                                     CsRecord    *record,
                                     guint        indent);
/* Appends the value of field @f of @rec (which must be set; a tagged list's entries carry their
 * containers) as JSON, nested records and lists at @indent levels. */
void         cs_json_append_value   (GString       *out,
                                     CsRecord      *rec,
                                     const CsField *f,
                                     guint          indent);
/* Appends @s as a JSON string literal (quoted, escaped). */
void         cs_json_append_string  (GString     *out,
                                     const char  *s);
/* Appends a number: whole numbers without a fraction, others in their shortest exact form. */
void         cs_json_append_number  (GString     *out,
                                     double       v);

G_END_DECLS
