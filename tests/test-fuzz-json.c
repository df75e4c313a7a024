/* test-fuzz-json.c: the JSON reader (and what runs on what it accepts) on mutated fixtures
 *
 * A fixed seed makes every run the same: ten thousand mutants of the fixtures (bytes flipped,
 * inserted, deleted, ranges duplicated or spliced from another fixture, JSON tokens and extreme
 * numbers dropped in, truncation). Each must give either a manifest or a GError that names the
 * file (and, past an empty file, line:column), never a crash. An accepted manifest is validated
 * and written back out, and the output must read back equal.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cs-json.h"
#include "cs-validator.h"

#define N_CASES 10000
#define SEED    20260406

static const char *fixtures[] = {
  "railsea-electronics.json",
  "every-field.json",
  "xlsx-hostile.json",
  "corridors/ASEAN-CQ-COLDCHAIN.json",
  "corridors/CQ-QZH-RAILSEA.json",
  "corridors/CQ-VTE-RAIL.json",
};

static const char *tokens[] = {
  "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "\\u0000", "null", "true", "false",
  "-", "0", "-0", "1e308", "1e999", "-1e400", "1e-400", "9007199254740993", "0.5", "[[[[[[[[",
  "{\"items\": [{}]}", "\"line\": 1.5", "\"category\": \"spaceship\"", "\"etd\": \"2026-02-30\"",
  "\"covers\": [1e300]", "\"vins\": [\"LJCPCBLCX11000237\", 7]", "\xff", "\xe9", "\xef\xbb\xbf",
  "\xe4\xb8\xad", "\t\n", " ",
};

static void
mutate (GByteArray *b,
        GRand      *rand,
        GBytes    **all)
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
    case 4:   /* splice a range of another fixture */
      {
        gsize olen;
        const guint8 *other = g_bytes_get_data (all[g_rand_int_range (rand, 0, G_N_ELEMENTS (fixtures))], &olen);
        guint from = g_rand_int_range (rand, 0, (gint32) olen);
        guint n = MIN (span, (guint) olen - from);

        g_array_insert_vals ((GArray *) b, at, other + from, n);
      }
      break;
    case 5:   /* a JSON token or an awkward value */
    case 6:
      {
        const char *t = tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))];
        g_array_insert_vals ((GArray *) b, at, (const guint8 *) t, strlen (t));
      }
      break;
    case 7:   /* truncate */
      g_byte_array_set_size (b, at);
      break;
    default:  /* keep the syntax: a number becomes an extreme one, or a string gains a character */
      for (guint k = at; k < len; k++)
        if (g_ascii_isdigit (b->data[k]) && (k == 0 || !g_ascii_isalnum (b->data[k - 1])))
          {
            static const char *numbers[] = { "1e308", "-1e308", "0", "-0", "1e-320", "9007199254740993",
                                             "4294967297", "-1", "2.5", "1e15" };
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

static void
test_fuzz (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCatalog) catalog = cs_catalog_new_full (NULL, NULL, NULL, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  GBytes *all[G_N_ELEMENTS (fixtures)];
  GDate today;
  guint accepted = 0, refused = 0;

  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 3, 2026);
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", fixtures[i], NULL);
      char *data;
      gsize len;

      g_file_get_contents (path, &data, &len, &error);
      g_assert_no_error (error);
      all[i] = g_bytes_new_take (data, len);
    }

  for (guint n = 0; n < N_CASES; n++)
    {
      gsize len;
      const guint8 *src = g_bytes_get_data (all[n % G_N_ELEMENTS (fixtures)], &len);
      g_autoptr(GByteArray) b = g_byte_array_sized_new (len + 64);
      guint n_mut = g_rand_int_range (rand, 0, 4) == 0 ? g_rand_int_range (rand, 2, 9) : 1;
      g_autoptr(CsManifest) m = NULL;
      g_autoptr(GError) local = NULL;

      g_byte_array_append (b, src, len);
      for (guint k = 0; k < n_mut; k++)
        mutate (b, rand, all);

      m = cs_json_load_data ((const char *) b->data, b->len, "fuzz.json", &local);
      if (m == NULL)
        {
          if (local == NULL)
            g_error ("case %u: no manifest and no error", n);
          if (!g_str_has_prefix (local->message, "fuzz.json:"))
            g_error ("case %u: the error does not name the file: %s", n, local->message);
          if (local->domain == CS_JSON_ERROR && strstr (local->message, "the file is empty") == NULL)
            {
              guint line = 0, col = 0;

              if (sscanf (local->message, "fuzz.json:%u:%u:", &line, &col) != 2 || line == 0 || col == 0)
                g_error ("case %u: the error does not name line:column: %s", n, local->message);
            }
          refused++;
        }
      else
        {
          g_autoptr(GPtrArray) findings = NULL;
          g_autoptr(CsManifest) back = NULL;
          g_autofree char *dump = NULL;
          gsize dump_len;

          g_assert_null (local);
          findings = cs_validate (m, catalog, &today);
          g_assert_nonnull (findings);
          for (guint k = 0; k < findings->len; k++)
            {
              CsFinding *f = findings->pdata[k];

              g_assert_true (g_strv_contains (cs_rule_ids, f->rule));
              g_assert_true (g_utf8_validate (f->message, -1, NULL));
            }
          dump = cs_json_dump (m, &dump_len);
          back = cs_json_load_data (dump, dump_len, "dump.json", &local);
          if (back == NULL)
            g_error ("case %u: the written manifest does not read back: %s", n, local->message);
          g_assert_true (cs_record_equal (CS_RECORD (m), CS_RECORD (back)));
          accepted++;
        }
    }
  g_test_message ("%u cases: %u accepted, %u refused", N_CASES, accepted, refused);
  /* the mutants reach both sides of the reader */
  g_assert_cmpuint (accepted, >, N_CASES / 50);
  g_assert_cmpuint (refused, >, N_CASES / 2);

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    g_bytes_unref (all[i]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fuzz/json", test_fuzz);
  return g_test_run ();
}
