/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-export-csv.c: the items of a manifest as CSV
 *
 * RFC 4180: comma separated, CRLF line ends, a field is quoted when it holds a comma, a quote or
 * a line break, and quotes inside are doubled. UTF-8 (optionally with a byte-order mark, which
 * Excel wants to recognise UTF-8), or GB18030 for Chinese Excel.
 *
 * Spreadsheets run a cell that starts with = + - @ (or tab / CR) as a formula, so such text is
 * neutralised with a leading single quote. Numeric columns hold numbers written by us, never
 * user text, so a negative number stays a number. cs-import-csv.c strips that quote again.
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cs-export.h"
#include "cs-export-labels.h"
#include "cs-json.h"

#define FLUSH_AT (64 * 1024)

typedef struct
{
  FILE       *fp;
  const char *path;
  gboolean    gb18030;
  GString    *buf;
} Out;

static gboolean
out_flush (Out     *out,
           GError **error)
{
  g_autofree char *converted = NULL;
  const char *data = out->buf->str;
  gsize len = out->buf->len;

  if (len == 0)
    return TRUE;
  if (out->gb18030)
    {
      g_autoptr(GError) local = NULL;

      converted = g_convert (out->buf->str, out->buf->len, "GB18030", "UTF-8", NULL, &len, &local);
      if (converted == NULL)
        {
          g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_ENCODING,
                       _("Cannot write %s in GB18030: %s"), out->path, local->message);
          return FALSE;
        }
      data = converted;
    }
  if (fwrite (data, 1, len, out->fp) != len)
    {
      int saved = errno;
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
                   _("Cannot write %s: %s"), out->path, g_strerror (saved));
      return FALSE;
    }
  g_string_truncate (out->buf, 0);
  return TRUE;
}

void
cs_export_csv_append_text (GString    *s,
                           const char *text)
{
  gboolean quote;

  if (text == NULL)
    return;
  quote = strpbrk (text, ",;\"\r\n") != NULL;
  if (quote)
    g_string_append_c (s, '"');
  if (text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL)
    g_string_append_c (s, '\'');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  if (quote)
    g_string_append_c (s, '"');
}

/* A text field: neutralised against formula injection, quoted when RFC 4180 says so. */
static inline void
put_text (GString    *s,
          const char *text)
{
  cs_export_csv_append_text (s, text);
}

static void
put_number (GString *s,
            double   v)
{
  if (cs_num_is_set (v))
    cs_json_append_number (s, v);
}

static void
put_hs (GString    *s,
        const char *hs)
{
  g_autoptr(GString) digits = NULL;

  if (hs == NULL)
    return;
  /* Digits only, as customs systems load them ("0808.10" -> "080810"); anything else as given. */
  digits = g_string_new (NULL);
  for (const char *p = hs; *p; p++)
    {
      if (*p == '.' || *p == ' ')
        continue;
      if (!g_ascii_isdigit (*p))
        {
          put_text (s, hs);
          return;
        }
      g_string_append_c (digits, *p);
    }
  put_text (s, digits->str);
}

/* The VIN cell: each VIN once, space-separated as a spreadsheet user pastes them; a VIN that
 * names its own container is followed by that box in parentheses, "VIN (BOX)", so a line split
 * over several containers says which car is in which (the Container column lists the line's
 * boxes). A line without such boxes reads exactly as before. */
static char *
vin_list (CsVehicle *v)
{
  GString *text = g_string_new (NULL);

  for (guint k = 0; v->vins[k] != NULL; k++)
    {
      const char *box = cs_tagged_container ((const char * const *) v->vin_containers, k);

      if (k > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, v->vins[k]);
      if (box != NULL)
        g_string_append_printf (text, " (%s)", box);
    }
  return g_string_free (text, FALSE);
}

static void
put_item (GString    *s,
          CsManifest *m,
          CsItem     *it)
{
  put_number (s, it->line);
  g_string_append_c (s, ',');
  put_text (s, it->category);
  g_string_append_c (s, ',');
  put_text (s, it->description);
  g_string_append_c (s, ',');
  put_hs (s, it->hs_code);
  g_string_append_c (s, ',');
  put_number (s, it->quantity);
  g_string_append_c (s, ',');
  put_text (s, it->unit);
  g_string_append_c (s, ',');
  if (it->packages != NULL)
    put_number (s, it->packages->count);
  g_string_append_c (s, ',');
  if (it->packages != NULL)
    put_text (s, it->packages->type);
  g_string_append_c (s, ',');
  put_number (s, it->net_kg);
  g_string_append_c (s, ',');
  put_number (s, it->gross_kg);
  g_string_append_c (s, ',');
  put_number (s, it->volume_m3);
  g_string_append_c (s, ',');
  put_number (s, it->value);
  g_string_append_c (s, ',');
  if (cs_num_is_set (it->value))
    put_text (s, m->currency);
  g_string_append_c (s, ',');
  put_text (s, it->origin_country);
  g_string_append_c (s, ',');
  if (it->container != NULL)
    put_text (s, it->container);
  else if (it->splits != NULL && cs_list_length (it->splits) > 0)
    {
      g_autoptr(GPtrArray) boxes = g_ptr_array_new ();
      g_autofree char *joined = NULL;

      for (guint i = 0; i < cs_list_length (it->splits); i++)
        {
          CsSplit *sp = cs_list_index (it->splits, i);
          if (sp->container != NULL)
            g_ptr_array_add (boxes, sp->container);
        }
      g_ptr_array_add (boxes, NULL);
      joined = g_strjoinv (" ", (char **) boxes->pdata);
      put_text (s, joined);
    }
  g_string_append_c (s, ',');
  put_text (s, it->marks);
  g_string_append_c (s, ',');
  if (it->dg != NULL)
    put_text (s, it->dg->un_number);
  g_string_append_c (s, ',');
  if (it->dg != NULL)
    put_text (s, it->dg->dg_class);
  g_string_append_c (s, ',');
  if (it->vehicle != NULL && it->vehicle->vins != NULL)
    {
      g_autofree char *vins = vin_list (it->vehicle);
      put_text (s, vins);
    }
  g_string_append (s, "\r\n");
}

gboolean
cs_export_csv_write (CsManifest            *m,
                     const CsExportOptions *o,
                     const char            *path,
                     GError               **error)
{
  CsExportOptions defaults = { 0 };
  g_autoptr(GString) buf = NULL;
  Out out = { 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (CS_IS_MANIFEST (m), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (o == NULL)
    o = &defaults;
  if (o->encoding != NULL && g_ascii_strcasecmp (o->encoding, "gb18030") == 0)
    out.gb18030 = TRUE;
  else if (o->encoding != NULL && g_ascii_strcasecmp (o->encoding, "utf-8") != 0
           && g_ascii_strcasecmp (o->encoding, "utf8") != 0)
    {
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_ENCODING,
                   _("Unknown CSV encoding “%s” (use utf-8 or gb18030)"), o->encoding);
      return FALSE;
    }

  out.fp = g_fopen (path, "wb");
  if (out.fp == NULL)
    {
      int saved = errno;
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
                   _("Cannot write %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  out.path = path;
  out.buf = buf = g_string_sized_new (FLUSH_AT + 4096);

  /* A GB18030 file has no byte-order mark that Excel understands: the option is for UTF-8. */
  if (o->bom && !out.gb18030)
    g_string_append (buf, "\xEF\xBB\xBF");

  /* The columns are all the item labels, in their order. */
  for (guint c = 0; c < CS_N_ITEM_LABELS; c++)
    {
      g_autofree char *h = cs_export_label_text (&cs_export_item_labels[c], o->bilingual);

      if (c > 0)
        g_string_append_c (buf, ',');
      put_text (buf, h);
    }
  g_string_append (buf, "\r\n");

  for (guint i = 0; ok && i < CS_MANIFEST_N_ITEMS (m); i++)
    {
      put_item (buf, m, CS_MANIFEST_ITEM (m, i));
      if (buf->len >= FLUSH_AT)
        ok = out_flush (&out, error);
    }
  if (ok)
    ok = out_flush (&out, error);

  if (fclose (out.fp) != 0 && ok)
    {
      int saved = errno;
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
                   _("Cannot write %s: %s"), path, g_strerror (saved));
      ok = FALSE;
    }
  return ok;
}
