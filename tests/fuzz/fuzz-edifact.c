/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-edifact.c: the EDIFACT writer's escaping of data (cs-edifact-writer.c), through its API
 *
 * Input: up to five texts separated by NUL bytes (invalid UTF-8 made valid first), written as the
 * free-text components of one FTX segment. The writer either refuses a text with an error naming
 * the segment or the field, or writes a segment that, split at the separators that are not released by '?'
 * and with the release characters removed, gives back exactly each text in ISO 8859-1.
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "cs-edifact-writer.h"
#include "fuzz.h"

#define N_TEXTS 5

static char *dir;
static char *path;

static void
remove_dir (void)
{
  g_unlink (path);
  g_rmdir (dir);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  fuzz_trap_to_abort ();
  dir = g_dir_make_tmp ("consign-fuzz-edifact-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, "out.edi", NULL);
  atexit (remove_dir);
  return 0;
}

/* Splits "FTX+AAA+++c1:c2...'" back into its C108 components, undoing the release character. */
static GPtrArray *
read_back (const char *seg,
           gsize       len)
{
  GPtrArray *comps = g_ptr_array_new_with_free_func (g_free);
  GString *cur = g_string_new (NULL);
  guint element = 0;
  gboolean ended = FALSE;

  if (len < 4 || memcmp (seg, "FTX+", 4) != 0)
    g_error ("the segment does not start with FTX+");
  for (gsize i = 3; i < len && !ended; i++)
    {
      char c = seg[i];

      if (c == '?')
        {
          if (i + 1 >= len || strchr ("?:+'", seg[i + 1]) == NULL)
            g_error ("a release character releases nothing at byte %" G_GSIZE_FORMAT, i);
          g_string_append_c (cur, seg[++i]);
        }
      else if (c == '+' || c == '\'')
        {
          if (element == 4)
            g_ptr_array_add (comps, g_strdup (cur->str));
          g_string_truncate (cur, 0);
          element++;
          ended = c == '\'';
        }
      else if (c == ':')
        {
          if (element == 4)
            g_ptr_array_add (comps, g_strdup (cur->str));
          g_string_truncate (cur, 0);
        }
      else
        g_string_append_c (cur, c);
    }
  if (!ended)
    g_error ("the segment has no terminator");
  g_string_free (cur, TRUE);
  return comps;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) latin1 = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) comps = NULL;
  const CsEdiDirectory *d = cs_edi_directory_find ("D96B");
  CsEdiWriter *w;
  g_autofree char *written = NULL;
  gsize written_len;
  const char *seg;
  gboolean convertible = TRUE;
  guint last = 0;

  for (size_t start = 0, i = 0; i <= size && texts->len < N_TEXTS; i++)
    if (i == size || data[i] == '\0')
      {
        g_ptr_array_add (texts, g_utf8_make_valid ((const char *) data + start, i - start));
        start = i + 1;
      }
  for (guint k = 0; k < texts->len; k++)
    {
      /* converted after the segment's first value, as the writer does: a value that starts with
       * a combining mark is refused there as it is alone (the mark never joins the text before) */
      GString *l = g_string_new ("AAA");
      gunichar bad;

      convertible &= cs_edi_to_latin1 (texts->pdata[k], l, &bad);
      g_string_erase (l, 0, 3);
      g_ptr_array_add (latin1, g_string_free (l, FALSE));
      if (*(char *) latin1->pdata[k] != '\0')
        last = k + 1;
    }

  w = cs_edi_writer_new (d, path, &error);
  if (w == NULL)
    g_error ("%s", error->message);
  cs_edi_una (w);
  cs_edi_begin (w, "FTX");
  cs_edi_el (w, "AAA", "kind");
  cs_edi_el (w, NULL, NULL);
  cs_edi_el (w, NULL, NULL);
  for (guint k = 0; k < texts->len; k++)
    {
      g_autofree char *field = g_strdup_printf ("text[%u]", k);

      if (k == 0)
        cs_edi_el (w, texts->pdata[k], field);
      else
        cs_edi_comp (w, texts->pdata[k], field);
    }
  cs_edi_end (w);
  if (!cs_edi_writer_finish (w, &error))
    {
      if (error == NULL || (strstr (error->message, "FTX") == NULL && strstr (error->message, "text[") == NULL))
        g_error ("the writer failed without an error naming the segment or the field: %s",
                 error ? error->message : "(none)");
      return 0;
    }
  if (!convertible)
    g_error ("a text without a Latin-1 form was written");
  if (!g_file_get_contents (path, &written, &written_len, &error))
    g_error ("%s", error->message);
  if (!g_str_has_prefix (written, "UNA:+.? '"))
    g_error ("no UNA");
  seg = written + strlen ("UNA:+.? '");
  if (last == 0)
    {
      if (strcmp (seg, "FTX+AAA'") != 0)
        g_error ("empty texts written as something: %s", seg);
      return 0;
    }
  comps = read_back (seg, written_len - (seg - written));
  if (comps->len != last)
    g_error ("%u texts written, %u read back", last, comps->len);
  for (guint k = 0; k < last; k++)
    if (strcmp (comps->pdata[k], latin1->pdata[k]) != 0)
      g_error ("text %u does not read back: the escaping is wrong", k);
  return 0;
}
