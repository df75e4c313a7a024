/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-replay.c: main() of a fuzz target in the normal build (no libFuzzer)
 *
 *   fuzz-NAME [-mutants=N] [-seed=S] [-dict=FILE] PATH...
 *
 * Runs every file under each PATH (files, or folders read recursively, in name order) through the
 * target, then N mutants of each made with a fixed seed, so that every run is the same: bytes
 * flipped, inserted or deleted, ranges duplicated or spliced in from another input, tokens of the
 * libFuzzer dictionary FILE and extreme numbers dropped in, truncation. The target aborts on a
 * bug; otherwise this prints what it ran and exits 0.
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

/* The input running now, shown when the target aborts, so that a failure can be reproduced. */
static const char *current_file;
static guint current_mutant;
static const guint8 *current_data;
static gsize current_len;

static void
on_crash (int sig)
{
  fprintf (stderr, "\nfuzz-replay: signal %d on %s, %s %u (%" G_GSIZE_FORMAT " bytes); input in C escapes:\n\"",
           sig, current_file ? current_file : "?", current_mutant ? "mutant" : "file", current_mutant, current_len);
  for (gsize i = 0; i < current_len && i < 4096; i++)
    {
      guint8 c = current_data[i];

      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
        fputc (c, stderr);
      else
        fprintf (stderr, "\\x%02x", c);
    }
  fprintf (stderr, "\"\n");
  signal (sig, SIG_DFL);
  raise (sig);
}

static const char *numbers[] = {
  "1e308", "-1e308", "0", "-0", "1e-320", "9007199254740993", "4294967297", "-1", "2.5", "1e15",
};

/* Tokens of a libFuzzer dictionary: one "quoted" string a line (NAME= before it allowed), with
 * \\, \" and \xNN escapes; '#' starts a comment line. */
static GPtrArray *
read_dict (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *tokens = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("%s", error->message);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *p = strchr (lines[i], '"');
      const char *end = strrchr (lines[i], '"');
      GByteArray *b;

      if (g_str_has_prefix (g_strchug (lines[i]), "#") || p == NULL || end == p)
        continue;
      b = g_byte_array_new ();
      for (p++; p < end; p++)
        {
          guint8 c = (guint8) *p;

          if (*p == '\\' && p + 1 < end && p[1] == 'x' && p + 3 < end &&
              g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3]))
            {
              c = (guint8) (g_ascii_xdigit_value (p[2]) * 16 + g_ascii_xdigit_value (p[3]));
              p += 3;
            }
          else if (*p == '\\' && p + 1 < end)
            c = (guint8) *++p;
          g_byte_array_append (b, &c, 1);
        }
      g_ptr_array_add (tokens, g_byte_array_free_to_bytes (b));
    }
  return tokens;
}

static int
cmp_names (gconstpointer a,
           gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
collect (const char *path,
         GPtrArray  *files)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (files, g_strdup (path));
      return;
    }
  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, cmp_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, names->pdata[i], NULL);
      collect (child, files);
    }
}

static void
mutate (GByteArray *b,
        GRand      *rand,
        GPtrArray  *inputs,
        GPtrArray  *tokens)
{
  guint op = g_rand_int_range (rand, 0, 10);
  guint len = b->len;
  guint at = len ? g_rand_int_range (rand, 0, len) : 0;
  guint span = g_rand_int_range (rand, 1, 512);   /* a length, cut to what fits */

  switch (op)
    {
    case 0:   /* flip a bit */
      if (len)
        b->data[at] ^= 1u << g_rand_int_range (rand, 0, 8);
      break;
    case 1:   /* insert a random byte */
      {
        guint8 c = (guint8) g_rand_int_range (rand, 0, 256);
        g_array_insert_vals ((GArray *) b, at, &c, 1);
      }
      break;
    case 2:   /* delete a range */
      if (len)
        g_byte_array_remove_range (b, at, MIN (span % 64 + 1, len - at));
      break;
    case 3:   /* duplicate a range in place (repeats structure, nests deeper) */
      if (len)
        {
          guint n = MIN (span % 256 + 1, len - at);
          g_autofree guint8 *copy = g_memdup2 (b->data + at, n);
          g_array_insert_vals ((GArray *) b, at, copy, n);
        }
      break;
    case 4:   /* splice in a range of another input */
      {
        gsize olen;
        const guint8 *other = g_bytes_get_data (inputs->pdata[g_rand_int_range (rand, 0, inputs->len)], &olen);

        if (olen > 0)
          {
            guint from = g_rand_int_range (rand, 0, (gint32) olen);
            g_array_insert_vals ((GArray *) b, at, other + from, MIN (span, (guint) olen - from));
          }
      }
      break;
    case 5:   /* a dictionary token */
    case 6:
      if (tokens->len > 0)
        {
          gsize tlen;
          const guint8 *t = g_bytes_get_data (tokens->pdata[g_rand_int_range (rand, 0, tokens->len)], &tlen);
          g_array_insert_vals ((GArray *) b, at, t, tlen);
        }
      break;
    case 7:   /* truncate */
      g_byte_array_set_size (b, at);
      break;
    default:  /* keep the syntax: a number becomes an extreme one, or a string gains a character */
      for (guint k = at; k < len; k++)
        if (g_ascii_isdigit (b->data[k]) && (k == 0 || !g_ascii_isalnum (b->data[k - 1])))
          {
            const char *t = numbers[span % G_N_ELEMENTS (numbers)];
            guint end = k;

            while (end < len && (g_ascii_isdigit (b->data[end]) || strchr (".eE+-", b->data[end])))
              end++;
            g_byte_array_remove_range (b, k, end - k);
            g_array_insert_vals ((GArray *) b, k, t, strlen (t));
            break;
          }
        else if (b->data[k] == '"' && op == 9)
          {
            guint8 c = (guint8) (' ' + span % 95);

            if (c != '"' && c != '\\')
              g_array_insert_vals ((GArray *) b, k + 1, &c, 1);
            break;
          }
      break;
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GRand) rand = NULL;
  guint n_mutants = 0, seed = 20260406;
  const char *dict = NULL;

  LLVMFuzzerInitialize (&argc, &argv);
  signal (SIGABRT, on_crash);
  signal (SIGTRAP, on_crash);
  signal (SIGSEGV, on_crash);
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "-mutants="))
      n_mutants = (guint) atoi (argv[i] + strlen ("-mutants="));
    else if (g_str_has_prefix (argv[i], "-seed="))
      seed = (guint) atoi (argv[i] + strlen ("-seed="));
    else if (g_str_has_prefix (argv[i], "-dict="))
      dict = argv[i] + strlen ("-dict=");
    else if (argv[i][0] == '-')
      g_error ("unknown option %s (usage: %s [-mutants=N] [-seed=S] [-dict=FILE] PATH...)", argv[i], argv[0]);
    else
      collect (argv[i], files);
  if (files->len == 0)
    g_error ("no input files (usage: %s [-mutants=N] [-seed=S] [-dict=FILE] PATH...)", argv[0]);
  tokens = dict ? read_dict (dict) : g_ptr_array_new ();
  rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GError) error = NULL;
      char *data;
      gsize len;

      if (!g_file_get_contents (files->pdata[i], &data, &len, &error))
        g_error ("%s", error->message);
      g_ptr_array_add (inputs, g_bytes_new_take (data, len));
      current_file = files->pdata[i];
      current_data = (const guint8 *) data;
      current_len = len;
      LLVMFuzzerTestOneInput ((const uint8_t *) data, len);
    }
  for (guint n = 0; n < n_mutants * inputs->len; n++)
    {
      gsize len;
      const guint8 *src = g_bytes_get_data (inputs->pdata[n % inputs->len], &len);
      g_autoptr(GByteArray) b = g_byte_array_sized_new (len + 64);
      guint n_mut = g_rand_int_range (rand, 0, 4) == 0 ? g_rand_int_range (rand, 2, 9) : 1;

      g_byte_array_append (b, src, len);
      for (guint k = 0; k < n_mut; k++)
        mutate (b, rand, inputs, tokens);
      current_file = files->pdata[n % inputs->len];
      current_mutant = n + 1;
      current_data = b->data;
      current_len = b->len;
      LLVMFuzzerTestOneInput (b->data, b->len);
    }
  g_print ("%s: %u inputs and %u mutants ran clean\n", g_get_prgname () ? g_get_prgname () : argv[0],
           inputs->len, n_mutants * inputs->len);
  return 0;
}
