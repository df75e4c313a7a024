/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export-edifact.c: the CUSCAR export, checked by the project's own EDIFACT checker
 * (tests/edifact/check-edifact.py: syntax, element formats, code lists, the directory's message
 * structure and control counts, from UN/EDIFACT definitions kept as data beside it) and by this
 * file's own small EDIFACT reader. */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "cs-edifact-history.h"
#include "cs-edifact-tables.h"
#include "cs-edifact-writer.h"
#include "cs-export.h"
#include "cs-json.h"
#include "cs-test-util.h"

typedef struct
{
  char            *dir;
  CsExportOptions  opts;
  GDateTime       *now;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("+08:00");

  fx->dir = cs_test_make_tmpdir ();
  fx->now = g_date_time_new (tz, 2026, 4, 5, 10, 30, 0);
  fx->opts.sender = "CONSIGNTEST";
  fx->opts.recipient = "DESTCUSTOMS:ZZZ";
  fx->opts.interchange_ref = 42;
  fx->opts.now = fx->now;
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  cs_test_remove_tree (fx->dir);
  g_free (fx->dir);
  g_date_time_unref (fx->now);
}

static char *
export_edi (Fixture    *fx,
            CsManifest *m,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fx->dir, name, NULL);
  gboolean ok = cs_export_to_file ("edifact", m, &fx->opts, path, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  return path;
}

/* The export fails with @code; returns the message. Nothing is left behind. */
static char *
export_fails (Fixture    *fx,
              CsManifest *m,
              gint        code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fx->dir, "refused.edi", NULL);
  g_autoptr(GDir) dir = NULL;

  g_assert_false (cs_export_to_file ("edifact", m, &fx->opts, path, NULL, &error));
  g_assert_error (error, CS_EXPORT_ERROR, code);
  /* Neither the target nor a temporary file beside it. */
  dir = g_dir_open (fx->dir, 0, NULL);
  for (const char *name; (name = g_dir_read_name (dir)) != NULL;)
    g_assert_false (g_str_has_prefix (name, "refused.edi") || g_str_has_prefix (name, ".refused.edi"));
  g_test_message ("refused: %s", error->message);
  return g_strdup (error->message);
}

/* Runs tests/edifact/check-edifact.py on @path: 0 when it passes; its output in @output. */
static int
run_checker (const char  *path,
             char       **output)
{
  g_autofree char *tool = g_test_build_filename (G_TEST_DIST, "edifact", "check-edifact.py", NULL);
  const char *argv[] = { "/usr/bin/python3", tool, path, NULL };

  return cs_test_run (argv, output);
}

static void
assert_checker_passes (const char *path)
{
  g_autofree char *out = NULL;

  if (run_checker (path, &out) != 0)
    g_error ("check-edifact rejects %s:\n%s", path, out);
  g_assert_nonnull (strstr (out, "OK:"));
}

/* The checker rejects @path with a message containing @expected. */
static void
assert_checker_fails (const char *path,
                      const char *expected)
{
  g_autofree char *out = NULL;
  int status = run_checker (path, &out);

  g_test_message ("check-edifact: %s", out);
  g_assert_cmpint (status, !=, 0);
  if (strstr (out, expected) == NULL)
    g_error ("check-edifact output lacks “%s”:\n%s", expected, out);
}

/* ------------------------------------------------------------------ a small EDIFACT reader */

/* The interchange's segments after UNA, each as written (release characters kept). */
static GPtrArray *
read_segments (const char *path,
               char      **data_out)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;
  GPtrArray *segs = g_ptr_array_new_with_free_func (g_free);
  GString *cur = g_string_new (NULL);

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_no_error (error);
  g_assert_true (len > 9 && memcmp (data, "UNA:+.? '", 9) == 0);
  for (gsize i = 9; i < len; i++)
    {
      if (data[i] == '?' && i + 1 < len)
        {
          g_string_append_c (cur, data[i]);
          g_string_append_c (cur, data[++i]);
        }
      else if (data[i] == '\'')
        {
          g_ptr_array_add (segs, g_strdup (cur->str));
          g_string_truncate (cur, 0);
        }
      else
        g_string_append_c (cur, data[i]);
    }
  g_assert_cmpuint (cur->len, ==, 0);     /* ends with a terminator */
  g_string_free (cur, TRUE);
  if (data_out != NULL)
    *data_out = data;
  else
    g_free (data);
  return segs;
}

/* Component @comp of element @el (1 = first after the tag), unescaped; NULL if absent. */
static char *
seg_value (const char *seg,
           guint       el,
           guint       comp)
{
  guint e = 0, c = 0;
  GString *out = NULL;

  for (const char *p = seg + 3; ; p++)
    {
      if (*p == '\0')
        break;
      if (*p == '+')
        {
          if (out != NULL)
            break;
          e++;
          c = 0;
          if (e == el && comp == 0)
            out = g_string_new (NULL);
          continue;
        }
      if (*p == ':')
        {
          if (out != NULL)
            break;
          c++;
          if (e == el && c == comp)
            out = g_string_new (NULL);
          continue;
        }
      if (*p == '?')
        p++;
      if (out != NULL)
        g_string_append_c (out, *p);
    }
  return out != NULL ? g_string_free (out, FALSE) : NULL;
}

static guint
count_tag (GPtrArray  *segs,
           const char *tag)
{
  guint n = 0;

  for (guint i = 0; i < segs->len; i++)
    if (g_str_has_prefix (segs->pdata[i], tag) && strlen (segs->pdata[i]) >= 3 &&
        (((char *) segs->pdata[i])[3] == '+' || ((char *) segs->pdata[i])[3] == '\0'))
      n++;
  return n;
}

static gboolean
has_segment (GPtrArray  *segs,
             const char *text)
{
  for (guint i = 0; i < segs->len; i++)
    if (strcmp (segs->pdata[i], text) == 0)
      return TRUE;
  return FALSE;
}

static const char *
find_segment (GPtrArray  *segs,
              const char *prefix)
{
  for (guint i = 0; i < segs->len; i++)
    if (g_str_has_prefix (segs->pdata[i], prefix))
      return segs->pdata[i];
  return NULL;
}

/* Every message's UNT count and reference, and the UNZ count, recomputed here. */
static guint
assert_control_counts (GPtrArray  *segs,
                       const char *interchange)
{
  guint n_messages = 0;
  int unh = -1;

  g_assert_true (g_str_has_prefix (segs->pdata[0], "UNB+"));
  for (guint i = 0; i < segs->len; i++)
    {
      const char *s = segs->pdata[i];
      if (g_str_has_prefix (s, "UNH+"))
        {
          g_assert_cmpint (unh, ==, -1);
          unh = (int) i;
          n_messages++;
        }
      else if (g_str_has_prefix (s, "UNT+"))
        {
          g_autofree char *count = seg_value (s, 1, 0);
          g_autofree char *ref = seg_value (s, 2, 0);
          g_autofree char *unh_ref = seg_value (segs->pdata[unh], 1, 0);
          g_assert_cmpint (unh, >=, 0);
          g_assert_cmpint (atoi (count), ==, (int) i - unh + 1);
          g_assert_cmpstr (ref, ==, unh_ref);
          g_assert_cmpint (atoi (ref), ==, (int) n_messages);   /* 1, 2, ... */
          unh = -1;
        }
    }
  {
    const char *unz = segs->pdata[segs->len - 1];
    g_autofree char *count = seg_value (unz, 1, 0);
    g_autofree char *ref = seg_value (unz, 2, 0);
    g_autofree char *unb_ref = seg_value (segs->pdata[0], 5, 0);
    g_assert_true (g_str_has_prefix (unz, "UNZ+"));
    g_assert_cmpint (atoi (count), ==, (int) n_messages);
    g_assert_cmpstr (ref, ==, interchange);
    g_assert_cmpstr (unb_ref, ==, interchange);
  }
  return n_messages;
}

/* UNOC: ISO 8859-1 graphic characters only (no control bytes, no C1 range). */
static void
assert_unoc_bytes (const char *data)
{
  for (const guchar *p = (const guchar *) data; *p; p++)
    g_assert_true ((*p >= 0x20 && *p < 0x7F) || *p >= 0xA0);
}

/* ------------------------------------------------------------------ tests */

static void
test_every_field (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autofree char *path = export_edi (fx, m, "every-field.edi");
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) segs = read_segments (path, &text);
  const char *unt;

  assert_checker_passes (path);
  assert_unoc_bytes (text);
  g_assert_cmpuint (assert_control_counts (segs, "000000042"), ==, 1);

  g_assert_cmpstr (segs->pdata[0], ==,
                   "UNB+UNOC:3+CONSIGNTEST:ZZZ+DESTCUSTOMS:ZZZ+260405:1030+000000042++CUSCAR");
  g_assert_true (has_segment (segs, "UNH+1+CUSCAR:D:96B:UN"));
  g_assert_true (has_segment (segs, "BGM+85+CQ-EVERY-0001+9"));
  g_assert_true (has_segment (segs, "DTM+137:202604051030:203"));
  g_assert_true (has_segment (segs, "RFF+IV:LJ-EXP-2026-0042"));
  g_assert_true (has_segment (segs, "DTM+3:20260401:102"));
  /* Main carriage: the sea leg with its carrier (C040) and vessel (C222: IMO number, Lloyd's
   * register, name, flag); the rail leg is pre-carriage. */
  g_assert_true (has_segment (segs, "TDT+20+2615N+1++BGSL:172:ZZZ:Beibu Gulf Shipping+++"
                                    "9321483:146:11:BEIBU GULF PIONEER:CN"));
  g_assert_true (has_segment (segs, "TDT+10+X8024+2++CRCT:172:ZZZ:China Railway"));
  /* NAD+CA is the main carriage's carrier, not the carrier party (the railway). */
  g_assert_true (has_segment (segs, "NAD+CA+BGSL:172:ZZZ++Beibu Gulf Shipping"));
  g_assert_cmpuint (count_tag (segs, "NAD"), ==, 5);
  g_assert_true (has_segment (segs, "DTM+133:202604091600:203"));
  g_assert_true (has_segment (segs, "DTM+132:202604111000:203"));

  /* Equipment: three boxes, the reefer with its set-point and the apples' band. */
  g_assert_cmpuint (count_tag (segs, "EQD"), ==, 3);
  g_assert_true (has_segment (segs, "EQD+CN+OOLU8832107+45G1:102:5++2+5"));
  g_assert_true (has_segment (segs, "SEL+CN2604881"));
  g_assert_cmpuint (count_tag (segs, "SEL"), ==, 3);
  g_assert_true (has_segment (segs, "TMP+2+01.5:CEL"));
  g_assert_true (has_segment (segs, "RNG+5+CEL:-1:4"));
  g_assert_true (has_segment (segs, "CNT+16:3"));
  /* The verified gross mass as the container's gross weight. */
  g_assert_true (has_segment (segs, "MEA+AAE+G+KGM:9080"));

  /* One consignment, seven goods items, eight placements (one line split over two boxes). */
  g_assert_cmpuint (count_tag (segs, "CNI"), ==, 1);
  g_assert_true (has_segment (segs, "CNI+1+QZHHPH260409001"));
  g_assert_true (has_segment (segs, "RFF+BM:QZHHPH260409001"));
  g_assert_true (has_segment (segs, "CNT+7:37360:KGM"));
  g_assert_true (has_segment (segs, "CNT+11:566"));
  g_assert_cmpuint (count_tag (segs, "GID"), ==, 7);
  g_assert_cmpuint (count_tag (segs, "SGP"), ==, 8);
  g_assert_true (has_segment (segs, "SGP+OOLU8832107+1"));
  g_assert_true (has_segment (segs, "SGP+CMAU5120770+1"));
  g_assert_cmpuint (count_tag (segs, "DGS"), ==, 2);
  g_assert_true (has_segment (segs, "DGS+IMD+9+3556"));
  g_assert_true (has_segment (segs, "DGS+IMD+9+3481"));
  g_assert_true (has_segment (segs, "FTX+AAA+++VIN LJCPCBLCX11000237 1M8GDM9AXKP042788"));
  g_assert_true (has_segment (segs, "FTX+AAD+++VEHICLE, LITHIUM ION BATTERY POWERED"));
  g_assert_true (has_segment (segs, "FTX+AAA+++Fresh apples, Fuji, 18 kg cartons:HS 080810"));
  g_assert_true (has_segment (segs, "GID+5+300:CT"));
  g_assert_true (has_segment (segs, "PCI+28+HPIE/HPH/NB 1-240"));

  /* Parties: Latin-script names for the Chinese ones, structured name and street. */
  g_assert_true (has_segment (segs, "NAD+CZ+91500000MA5UQ8J2KK::ZZZ++Chongqing Liangjiang Precision:"
                                    "Machinery Co., Ltd.+18 Jinyu Avenue, Liangjiang New:Area+"
                                    "Chongqing++401122+CN"));
  g_assert_true (has_segment (segs, "COM+?+86 23 6789 0012:TE"));
  g_assert_true (has_segment (segs, "CTA+IC+:Wang Fang"));

  unt = find_segment (segs, "UNT+");
  g_assert_nonnull (unt);
}

static void
test_shared_example (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autofree char *path = export_edi (fx, m, "railsea.edi");
  g_autoptr(GPtrArray) segs = read_segments (path, NULL);

  assert_checker_passes (path);
  assert_control_counts (segs, "000000042");
  g_assert_cmpuint (count_tag (segs, "GID"), ==, CS_MANIFEST_N_ITEMS (m));
}

/* A frozen-seafood reefer at −18 °C: TMP is n3 in D.96B. */
static void
test_reefer_minus_18 (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  CsContainer *box = CS_MANIFEST_CONTAINER (m, 2);
  CsItem *apples = CS_MANIFEST_ITEM (m, 4);
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) segs = NULL;

  cs_record_set_number (CS_RECORD (box->reefer), "setpoint_c", -18);
  cs_record_set_number (CS_RECORD (apples->perishable), "temp_min_c", -23);
  cs_record_set_number (CS_RECORD (apples->perishable), "temp_max_c", -18);
  path = export_edi (fx, m, "frozen.edi");
  segs = read_segments (path, NULL);
  assert_checker_passes (path);
  g_assert_true (has_segment (segs, "TMP+2+-018:CEL"));
  g_assert_true (has_segment (segs, "RNG+5+CEL:-23:-18"));

  /* 0 °C is 000; a set-point that needs four digits does not fit n3 and is refused. */
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&segs, g_ptr_array_unref);
  cs_record_set_number (CS_RECORD (box->reefer), "setpoint_c", 0);
  path = export_edi (fx, m, "zero.edi");
  segs = read_segments (path, NULL);
  g_assert_true (has_segment (segs, "TMP+2+000:CEL"));

  cs_record_set_number (CS_RECORD (box->reefer), "setpoint_c", -18.25);
  {
    g_autofree char *msg = export_fails (fx, m, CS_EXPORT_ERROR_INVALID);
    g_assert_nonnull (strstr (msg, "containers[2].reefer.setpoint_c"));
    g_assert_nonnull (strstr (msg, "TMP"));
    g_assert_nonnull (strstr (msg, "C239/6246"));
    g_assert_nonnull (strstr (msg, "-18.25"));
  }
}

/* ' + : ? in data get the release character, and read back as written. */
static void
test_escaping (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  CsParty *consignee = m->parties->consignee;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) segs = NULL;
  const char *nad;
  g_autofree char *name = NULL;

  cs_record_set_string (CS_RECORD (consignee), "name", "O'Hara+Sons: Why? Co");
  cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (m, 0)), "marks", "A+B:C'D?E");
  path = export_edi (fx, m, "escaping.edi");
  segs = read_segments (path, NULL);
  assert_checker_passes (path);
  assert_control_counts (segs, "000000042");

  nad = find_segment (segs, "NAD+CN+");
  g_assert_nonnull (nad);
  g_assert_nonnull (strstr (nad, "+O?'Hara?+Sons?: Why?? Co+"));
  name = seg_value (nad, 4, 0);
  g_assert_cmpstr (name, ==, "O'Hara+Sons: Why? Co");
  g_assert_true (has_segment (segs, "PCI+28+A?+B?:C?'D??E"));
}

/* A party known only by its Chinese name: refused, naming the field; name_latin is used when
 * there is one. */
static void
test_chinese_name (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autofree char *msg = NULL;

  cs_record_set_string (CS_RECORD (m->parties->shipper), "name_latin", NULL);
  msg = export_fails (fx, m, CS_EXPORT_ERROR_ENCODING);
  g_assert_nonnull (strstr (msg, "parties.shipper.name"));
  g_assert_nonnull (strstr (msg, "name_latin"));
  g_assert_nonnull (strstr (msg, "重庆两江精密机械有限公司"));

  /* With a Latin name back, a Chinese address is the next thing refused. */
  g_clear_pointer (&msg, g_free);
  cs_record_set_string (CS_RECORD (m->parties->shipper), "name_latin", "Liangjiang Precision");
  cs_record_set_string (CS_RECORD (m->parties->declarant), "address", "重庆市沙坪坝区土主路66号");
  msg = export_fails (fx, m, CS_EXPORT_ERROR_ENCODING);
  g_assert_nonnull (strstr (msg, "parties.declarant.address"));
  g_assert_nonnull (strstr (msg, "ISO 8859-1"));

  /* And in a goods description. */
  g_clear_pointer (&msg, g_free);
  cs_record_set_string (CS_RECORD (m->parties->declarant), "address", "66 Tuzhu Road");
  cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (m, 5)), "description", "Green tea 绿茶");
  msg = export_fails (fx, m, CS_EXPORT_ERROR_ENCODING);
  g_assert_nonnull (strstr (msg, "items[5].description"));
  g_assert_nonnull (strstr (msg, "绿"));
}

/* Typographic punctuation and accents outside Latin-1 are transliterated; Latin-1 letters are
 * written as single ISO 8859-1 bytes. */
static void
test_transliteration (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) segs = NULL;
  GString *out = g_string_new (NULL);
  gunichar bad = 0;

  cs_record_set_string (CS_RECORD (m->parties->consignee), "name", "Công ty “Hải Phòng” – Đông Á");
  cs_record_set_string (CS_RECORD (m->parties->consignee), "city", "Hải Phòng");
  cs_record_set_string (CS_RECORD (m->parties->notify), "name", "Société Générale");
  cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (m, 1)), "description",
                        "CNC centre — 850×500 mm… （ＶＭＣ８５０）\tline\nbreak");
  path = export_edi (fx, m, "translit.edi");
  segs = read_segments (path, &text);
  assert_checker_passes (path);
  assert_unoc_bytes (text);
  /* ô ò Á are Latin-1 and stay; ả and Đ are not and become a and D. */
  g_assert_nonnull (strstr (text, "NAD+CN+0201234567::ZZZ++C\xf4ng ty \"Hai Ph\xf2ng\" - D\xf4ng \xc1+"));
  g_assert_nonnull (strstr (text, "+Hai Ph\xf2ng++180000+VN'"));
  g_assert_nonnull (strstr (text, "Soci\xe9t\xe9 G\xe9n\xe9rale"));
  g_assert_nonnull (strstr (text, "FTX+AAA+++CNC centre - 850\xd7" "500 mm... (VMC850) line break:HS 845710"));
  g_assert_null (strstr (text, "\xc3"));     /* no UTF-8 lead bytes */

  /* The conversion on its own. */
  g_assert_true (cs_edi_to_latin1 ("Nguy\xe1\xbb\x85n V\xc4\x83n \xc4\x90\xe1\xbb\xa9" "c", out, &bad));
  g_assert_cmpstr (out->str, ==, "Nguyen Van Duc");
  g_string_truncate (out, 0);
  g_assert_false (cs_edi_to_latin1 ("Tea 茶", out, &bad));
  g_assert_cmpuint (bad, ==, 0x8336);
  /* A combining mark with no base in its own value is refused whatever the buffer already holds
   * (the writer converts a segment's values into one buffer): never silently dropped. */
  g_string_truncate (out, 0);
  g_assert_false (cs_edi_to_latin1 ("\xd8\x9a y", out, &bad));
  g_assert_cmpuint (bad, ==, 0x061A);
  g_string_assign (out, "NAD+CN");
  bad = 0;
  g_assert_false (cs_edi_to_latin1 ("\xd8\x9a y", out, &bad));
  g_assert_cmpuint (bad, ==, 0x061A);
  /* after a base of its own value, a mark is still dropped and the base kept */
  g_string_assign (out, "NAD+CN");
  g_assert_true (cs_edi_to_latin1 ("Le\xcc\x81on", out, &bad));
  g_assert_cmpstr (out->str, ==, "NAD+CNLeon");
  g_string_free (out, TRUE);
}

/* A value that does not fit its element: refused with the segment, element, value and field,
 * and nothing written. */
static void
test_format_violation (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  const char *seals[] = { "SEAL-12345678", NULL };
  g_autofree char *msg = NULL;

  cs_record_set_strv (CS_RECORD (CS_MANIFEST_CONTAINER (m, 0)), "seals", seals);
  msg = export_fails (fx, m, CS_EXPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (msg, "containers[0].seals[0]"));
  g_assert_nonnull (strstr (msg, "SEL"));
  g_assert_nonnull (strstr (msg, "9308"));
  g_assert_nonnull (strstr (msg, "an..10"));
  g_assert_nonnull (strstr (msg, "SEAL-12345678"));

  g_clear_pointer (&msg, g_free);
  seals[0] = "SEAL-1";
  cs_record_set_strv (CS_RECORD (CS_MANIFEST_CONTAINER (m, 0)), "seals", seals);
  cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (m, 0)->dg), "un_number", "34811");
  msg = export_fails (fx, m, CS_EXPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (msg, "items[0].dg.un_number"));
  g_assert_nonnull (strstr (msg, "DGS"));
  g_assert_nonnull (strstr (msg, "C234/7124"));
  g_assert_nonnull (strstr (msg, "34811"));

  g_clear_pointer (&msg, g_free);
  cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (m, 0)->dg), "un_number", "UN 3481");
  cs_record_set_string (CS_RECORD (CS_MANIFEST_LEG (m, 1)), "voyage", "VOYAGE-2615-NORTHBOUND");
  msg = export_fails (fx, m, CS_EXPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (msg, "legs[1].voyage"));
  g_assert_nonnull (strstr (msg, "TDT"));
  g_assert_nonnull (strstr (msg, "8028"));

  /* More VINs than 99 FTX segments of one goods item can list. */
  g_clear_pointer (&msg, g_free);
  cs_record_set_string (CS_RECORD (CS_MANIFEST_LEG (m, 1)), "voyage", "2615N");
  {
    g_autoptr(GPtrArray) vins = g_ptr_array_new_with_free_func (g_free);
    for (guint i = 0; i < 2000; i++)
      g_ptr_array_add (vins, g_strdup_printf ("LJCPCBLC%09u", i));
    g_ptr_array_add (vins, NULL);
    cs_record_set_strv (CS_RECORD (CS_MANIFEST_ITEM (m, 3)->vehicle), "vins",
                        (const char * const *) vins->pdata);
  }
  msg = export_fails (fx, m, CS_EXPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (msg, "items[3].vehicle.vins"));
  g_assert_nonnull (strstr (msg, "99 FTX"));
}

static void
test_options (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  char *msg;

  fx->opts.sender = NULL;
  msg = export_fails (fx, m, CS_EXPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (msg, "sender"));
  g_free (msg);

  fx->opts.sender = "CONSIGNTEST";
  fx->opts.recipient = "";
  msg = export_fails (fx, m, CS_EXPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (msg, "recipient"));
  g_free (msg);

  fx->opts.recipient = "DESTCUSTOMS";
  fx->opts.interchange_ref = 0;
  msg = export_fails (fx, m, CS_EXPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (msg, "control reference"));
  g_free (msg);

  fx->opts.interchange_ref = 7;
  fx->opts.directory = "D99Z";
  msg = export_fails (fx, m, CS_EXPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (msg, "D99Z"));
  g_free (msg);

  fx->opts.directory = NULL;
  cs_record_set_string (CS_RECORD (m->transport_document), "number", NULL);
  msg = export_fails (fx, m, CS_EXPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (msg, "transport_document.number"));
  g_free (msg);

  {
    g_autoptr(CsManifest) empty = cs_test_load_fixture ("every-field.json");
    cs_list_clear (empty->items);
    msg = export_fails (fx, empty, CS_EXPORT_ERROR_INVALID);
    g_assert_nonnull (strstr (msg, "items"));
    g_free (msg);
  }
}

/* Interchange references come from the caller (the store): each file carries its own in UNB and
 * UNZ; sender and recipient qualifiers are taken from "ID:QUALIFIER". */
static void
test_references (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;

  fx->opts.interchange_ref = 41;
  fx->opts.sender = "6912345000019:14";
  first = export_edi (fx, m, "first.edi");
  fx->opts.interchange_ref = 1234567890;
  second = export_edi (fx, m, "second.edi");
  a = read_segments (first, NULL);
  b = read_segments (second, NULL);
  assert_control_counts (a, "000000041");
  assert_control_counts (b, "1234567890");
  g_assert_true (g_str_has_prefix (a->pdata[0], "UNB+UNOC:3+6912345000019:14+DESTCUSTOMS:ZZZ+"));
  assert_checker_passes (second);
}

/* Only D.96B is offered: D.95B's CUSCAR has another message structure and other element formats,
 * which the writer does not follow, so asking for it is refused rather than labelled. */
static void
test_d95b_refused (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autofree char *msg = NULL;

  fx->opts.directory = "D.95B";
  msg = export_fails (fx, m, CS_EXPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (msg, "D.95B"));
  g_assert_nonnull (strstr (msg, "D96B"));
  g_assert_null (cs_edi_directory_find ("d95b"));
  g_assert_nonnull (cs_edi_directory_find ("d.96b"));
  g_assert_null (cs_edi_directory_find ("D97A"));
}

/* More goods items than one message holds (SG14: 9,999): several messages in one interchange,
 * linked by UNH 0068/S010, each with its own count. */
static void
test_multi_message (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  CsItem *tea = CS_MANIFEST_ITEM (m, 5);
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) segs = NULL;
  guint n_items = 10005;
  const char *unh2;

  for (guint i = CS_MANIFEST_N_ITEMS (m); i < n_items; i++)
    {
      CsItem *copy = CS_ITEM (cs_record_copy (CS_RECORD (tea)));
      copy->line = i + 1;
      cs_list_append_silent (m->items, copy);
      g_object_unref (copy);
    }
  path = export_edi (fx, m, "large.edi");
  segs = read_segments (path, NULL);
  assert_checker_passes (path);
  g_assert_cmpuint (assert_control_counts (segs, "000000042"), ==, 2);
  g_assert_cmpuint (count_tag (segs, "GID"), ==, n_items);
  g_assert_true (has_segment (segs, "UNH+1+CUSCAR:D:96B:UN+CQ-EVERY-0001+1:C"));
  unh2 = find_segment (segs, "UNH+2+");
  g_assert_cmpstr (unh2, ==, "UNH+2+CUSCAR:D:96B:UN+CQ-EVERY-0001+2:F");
  g_assert_true (has_segment (segs, "GID+9999+20:TC"));
  /* Numbers go on in the second message: one B/L, one sequence of goods items. */
  g_assert_true (has_segment (segs, "GID+10000+20:TC"));
  g_assert_true (has_segment (segs, "GID+10005+20:TC"));
  g_assert_false (has_segment (segs, "GID+1+20:TC"));
  g_assert_cmpuint (count_tag (segs, "CNI"), ==, 2);
  /* Each message stands alone: all three boxes in the first; in the second only the tea's box,
   * which its goods are in, with its own equipment count and control totals. */
  g_assert_cmpuint (count_tag (segs, "EQD"), ==, 4);
  {
    guint second = 0;
    for (guint i = 0; i < segs->len; i++)
      if (g_str_has_prefix (segs->pdata[i], "UNH+2+"))
        second = i;
    g_assert_cmpuint (second, >, 0);
    for (guint i = second; i < segs->len; i++)
      if (g_str_has_prefix (segs->pdata[i], "EQD+"))
        g_assert_cmpstr (segs->pdata[i], ==, "EQD+CN+CSQU3054383+22R1:102:5++2+5");
    g_assert_true (has_segment (segs, "CNT+16:3"));
    g_assert_true (has_segment (segs, "CNT+16:1"));
    /* 6 tea items of 460 kg and 20 chests in the second message */
    g_assert_true (has_segment (segs, "CNT+7:2760:KGM"));
    g_assert_true (has_segment (segs, "CNT+11:120"));
    for (guint i = second; i < segs->len; i++)
      g_assert_false (g_str_has_prefix (segs->pdata[i], "SGP+OOLU") ||
                      g_str_has_prefix (segs->pdata[i], "SGP+CMAU"));
    /* header, parties and main carriage again */
    g_assert_cmpuint (count_tag (segs, "BGM"), ==, 2);
    g_assert_cmpuint (count_tag (segs, "TDT"), ==, 4);
  }
}

/* A conveyance known only by its call sign: C222 with the call sign directory; no carrier code:
 * C040 with the name only, and NAD+CA from the carrier party when it is the leg's carrier. */
/* The segments of goods item @k (1-based) joined by "'": GID to the next GID or UNT. */
static char *
goods_item_text (GPtrArray *segs,
                 guint      k)
{
  g_autofree char *gid = g_strdup_printf ("GID+%u+", k);
  GString *out = g_string_new (NULL);
  gboolean in = FALSE;

  for (guint i = 0; i < segs->len; i++)
    {
      const char *seg = segs->pdata[i];

      if (g_str_has_prefix (seg, "GID+") || g_str_has_prefix (seg, "UNT+"))
        in = g_str_has_prefix (seg, gid);
      if (in)
        g_string_append_printf (out, "%s'", seg);
    }
  return g_string_free (out, FALSE);
}

/* 40 cars in 10 containers, each VIN naming its box: one goods item per container, placed in it
 * (SGP) with its share of packages and weights and only the VINs in that box; the control totals
 * stay the line's. When a VIN names no box the line stays one goods item listing every VIN. */
static void
test_vin_boxes (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("vins-40-boxes.json");
  CsItem *cars = CS_MANIFEST_ITEM (m, 0);
  CsVehicle *v = cars->vehicle;
  g_autofree char *path = NULL;
  g_autofree char *partial = NULL;
  g_autoptr(GPtrArray) segs = NULL;
  g_autoptr(GPtrArray) segs2 = NULL;
  g_auto(GStrv) boxes = NULL;

  path = export_edi (fx, m, "vins-40-boxes.edi");
  assert_checker_passes (path);
  segs = read_segments (path, NULL);
  g_assert_cmpuint (count_tag (segs, "GID"), ==, 10);
  g_assert_cmpuint (count_tag (segs, "SGP"), ==, 10);
  g_assert_cmpuint (count_tag (segs, "EQD"), ==, 10);
  g_assert_true (has_segment (segs, "CNT+7:76000:KGM"));
  g_assert_true (has_segment (segs, "CNT+11:40"));
  for (guint k = 1; k <= 10; k++)
    {
      CsSplit *split = cs_list_index (cars->splits, k - 1);
      g_autofree char *text = goods_item_text (segs, k);
      g_autofree char *gid = g_strdup_printf ("GID+%u+4:VN'", k);
      g_autofree char *sgp = g_strdup_printf ("'SGP+%s+4'", split->container);
      guint n_here = 0;

      g_test_message ("goods item %u: %s", k, text);
      g_assert_true (g_str_has_prefix (text, gid));
      g_assert_nonnull (strstr (text, sgp));
      g_assert_nonnull (strstr (text, "'MEA+AAE+G+KGM:7600'"));
      g_assert_nonnull (strstr (text, "'MEA+AAE+AAL+KGM:7400'"));
      g_assert_nonnull (strstr (text, "'MEA+AAE+AAW+MTQ:48'"));
      g_assert_nonnull (strstr (text, "'FTX+AAA+++VIN "));
      for (guint j = 0; v->vins[j] != NULL; j++)
        {
          gboolean here = strstr (text, v->vins[j]) != NULL;

          g_assert_cmpint (here, ==, strcmp (v->vin_containers[j], split->container) == 0);
          n_here += here;
        }
      g_assert_cmpuint (n_here, ==, 4);
    }

  /* machine serial numbers in their boxes are placed the same way */
  {
    CsRecord *machinery = cs_record_ensure_record (CS_RECORD (cars), "machinery");
    g_autofree char *serials = NULL;
    g_autoptr(GPtrArray) segs3 = NULL;
    g_autofree char *second = NULL;

    cs_record_set_strv (machinery, "serials", (const char * const *) v->vins);
    cs_record_set_strv (machinery, "serial_containers", (const char * const *) v->vin_containers);
    serials = export_edi (fx, m, "serial-boxes.edi");
    assert_checker_passes (serials);
    segs3 = read_segments (serials, NULL);
    g_assert_cmpuint (count_tag (segs3, "GID"), ==, 10);
    second = goods_item_text (segs3, 2);
    g_assert_nonnull (strstr (second, "'FTX+AAA+++SERIAL NO LC0CE4CB4TC312005 "));
    g_assert_nonnull (strstr (second, "'SGP+FSCU4719060+4'"));
    g_assert_null (strstr (second, "LC0CE4CB3TC312004"));
    cs_record_set_strv (machinery, "serials", NULL);
    cs_record_set_strv (machinery, "serial_containers", NULL);
  }

  /* one car without a box: the line cannot be told by container, so it is one goods item */
  boxes = g_strdupv (v->vin_containers);
  g_free (boxes[39]);
  boxes[39] = g_strdup ("");
  cs_record_set_strv (CS_RECORD (v), "vin_containers", (const char * const *) boxes);
  partial = export_edi (fx, m, "vins-partial.edi");
  assert_checker_passes (partial);
  segs2 = read_segments (partial, NULL);
  g_assert_cmpuint (count_tag (segs2, "GID"), ==, 1);
  g_assert_cmpuint (count_tag (segs2, "SGP"), ==, 10);
  g_assert_true (has_segment (segs2, "GID+1+40:VN"));
  g_assert_true (has_segment (segs2, "MEA+AAE+G+KGM:76000"));
}

static void
test_conveyance (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  CsLeg *sea = CS_MANIFEST_LEG (m, 1);
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) segs = NULL;
  g_autofree char *msg = NULL;
  const char *nad;

  cs_record_set_string (CS_RECORD (sea->vessel), "imo", NULL);
  cs_record_set_string (CS_RECORD (sea), "carrier_code", NULL);
  cs_record_set_string (CS_RECORD (m->parties->carrier), "name_latin", "Beibu Gulf Shipping");
  path = export_edi (fx, m, "callsign.edi");
  segs = read_segments (path, NULL);
  assert_checker_passes (path);
  g_assert_true (has_segment (segs, "TDT+20+2615N+1++:::Beibu Gulf Shipping+++"
                                    "BQZH7:103::BEIBU GULF PIONEER:CN"));
  nad = find_segment (segs, "NAD+CA+");
  g_assert_cmpstr (nad, ==, "NAD+CA+911100007109288314::ZZZ++Beibu Gulf Shipping+11 North Second "
                            "Ring Road+Chengdu++610081+CN");

  /* Without a vessel: no C222 at all. */
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&segs, g_ptr_array_unref);
  cs_record_set_record (CS_RECORD (sea), "vessel", NULL);
  path = export_edi (fx, m, "novessel.edi");
  segs = read_segments (path, NULL);
  assert_checker_passes (path);
  g_assert_true (has_segment (segs, "TDT+20+2615N+1++:::Beibu Gulf Shipping"));

  /* A call sign that does not fit 8213 (an..9) is refused, naming the field and the element. */
  cs_record_set_string (cs_record_ensure_record (CS_RECORD (sea), "vessel"), "call_sign", "BQZH7-PORTSIDE");
  msg = export_fails (fx, m, CS_EXPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (msg, "legs[1].vessel.call_sign"));
  g_assert_nonnull (strstr (msg, "C222/8213"));

  /* An IMO number written the way people write it is not one: refused before writing. */
  g_clear_pointer (&msg, g_free);
  cs_record_set_string (CS_RECORD (sea->vessel), "imo", "IMO 9321483");
  msg = export_fails (fx, m, CS_EXPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (msg, "legs[1].vessel.imo: “IMO 9321483” is not a valid IMO ship number"));
}

/* BGM 1225 from the caller (the export history decides it): original, replacement, cancellation;
 * the test indicator in UNB 0035; the installation's id before the counter in UNB 0020. */
static void
test_message_function (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  const char *functions[] = { "9", "5", "1" };
  g_autofree char *msg = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    {
      g_autofree char *name = g_strdup_printf ("function-%s.edi", functions[i]);
      g_autofree char *path = NULL;
      g_autofree char *bgm = g_strdup_printf ("BGM+85+CQ-EVERY-0001+%s", functions[i]);
      g_autoptr(GPtrArray) segs = NULL;

      fx->opts.message_function = functions[i];
      path = export_edi (fx, m, name);
      segs = read_segments (path, NULL);
      assert_checker_passes (path);
      g_assert_true (has_segment (segs, bgm));
    }

  fx->opts.message_function = "7";
  msg = export_fails (fx, m, CS_EXPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (msg, "“7”"));

  fx->opts.message_function = NULL;
  fx->opts.test_indicator = TRUE;
  fx->opts.installation = "K7Q2";
  {
    g_autofree char *path = export_edi (fx, m, "test.edi");
    g_autoptr(GPtrArray) segs = read_segments (path, NULL);

    assert_checker_passes (path);
    assert_control_counts (segs, "K7Q20000000042");
    g_assert_cmpstr (segs->pdata[0], ==, "UNB+UNOC:3+CONSIGNTEST:ZZZ+DESTCUSTOMS:ZZZ+260405:1030+"
                                         "K7Q20000000042++CUSCAR++++1");
    g_assert_true (has_segment (segs, "BGM+85+CQ-EVERY-0001+9"));
  }
}

/* What a gateway would refuse is refused before anything is written, every place named. */
static void
test_incomplete (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autofree char *msg = NULL;

  cs_record_set_record (CS_RECORD (CS_MANIFEST_ITEM (m, 2)), "packages", NULL);
  cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (m, 4)->packages), "type", NULL);
  cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (m, 5)), "description", NULL);
  cs_record_set_number (CS_RECORD (CS_MANIFEST_ITEM (m, 6)), "gross_kg", NAN);
  cs_record_set_string (CS_RECORD (m->transport_document), "number", NULL);
  msg = export_fails (fx, m, CS_EXPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (msg, "incomplete"));
  g_assert_nonnull (strstr (msg, "6 things"));
  g_assert_nonnull (strstr (msg, "transport_document.number"));
  g_assert_nonnull (strstr (msg, "items[2].packages.count"));
  g_assert_nonnull (strstr (msg, "items[2].packages.type"));
  g_assert_nonnull (strstr (msg, "items[4].packages.type"));
  g_assert_nonnull (strstr (msg, "items[5].description"));
  g_assert_nonnull (strstr (msg, "items[6].gross_kg"));
  g_assert_null (strstr (msg, "items[4].packages.count"));

  /* Codes a gateway checks: a LOCODE's form, an IMO number's check digit. */
  g_clear_pointer (&msg, g_free);
  {
    g_autoptr(CsManifest) codes = cs_test_load_fixture ("every-field.json");
    cs_record_set_string (CS_RECORD (codes), "port_of_loading", "Qinzhou port!!");
    cs_record_set_string (CS_RECORD (CS_MANIFEST_LEG (codes, 0)), "to", "CNQZ1");
    cs_record_set_string (CS_RECORD (CS_MANIFEST_LEG (codes, 1)->vessel), "imo", "9321484");
    msg = export_fails (fx, codes, CS_EXPORT_ERROR_INVALID);
    g_assert_nonnull (strstr (msg, "3 things"));
    g_assert_nonnull (strstr (msg, "port_of_loading: “Qinzhou port!!” is not a UN/LOCODE"));
    g_assert_nonnull (strstr (msg, "legs[0].to: “CNQZ1”"));
    g_assert_nonnull (strstr (msg, "legs[1].vessel.imo: “9321484”"));
  }

  /* A package count of 0 is no count. */
  g_clear_pointer (&msg, g_free);
  {
    g_autoptr(CsManifest) zero = cs_test_load_fixture ("every-field.json");
    cs_record_set_number (CS_RECORD (CS_MANIFEST_ITEM (zero, 1)->packages), "count", 0);
    msg = export_fails (fx, zero, CS_EXPORT_ERROR_INVALID);
    g_assert_nonnull (strstr (msg, "items[1].packages.count"));
  }
}

/* A description longer than one FTX (5 x 70) goes on in further FTX segments, and reads back. */
static void
test_long_description (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) back = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) segs = NULL;
  guint n_ftx = 0;

  for (guint i = 0; i < 60; i++)
    g_string_append_printf (text, "%sword%02u of a long description", i ? " " : "", i);
  g_assert_cmpuint (text->len, >, 5 * 70 * 3);
  cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (m, 0)), "description", text->str);
  path = export_edi (fx, m, "long.edi");
  segs = read_segments (path, NULL);
  assert_checker_passes (path);
  for (guint i = 0; i < segs->len; i++)
    if (g_str_has_prefix (segs->pdata[i], "FTX+AAA+++word"))
      {
        for (;; i++)
          {
            const char *seg = segs->pdata[i];
            if (!g_str_has_prefix (seg, "FTX+AAA+++"))
              break;
            n_ftx++;
            for (guint k = 0; k < 5; k++)
              {
                g_autofree char *line = seg_value (seg, 4, k);
                if (line == NULL || g_str_has_prefix (line, "HS "))
                  continue;
                if (back->len > 0)
                  g_string_append_c (back, ' ');
                g_string_append (back, line);
              }
          }
        break;
      }
  g_assert_cmpuint (n_ftx, >=, 4);
  g_assert_cmpstr (back->str, ==, text->str);
}

/* The export history of a draft decides the message function, per recipient. */
static void
test_history (Fixture       *fx,
              gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fx->dir, "store.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_open (db, &error);
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autoptr(GPtrArray) sent = NULL;
  g_autofree char *inst = NULL;
  g_autofree char *inst2 = NULL;
  g_autofree char *ref = NULL;
  const char *sha = "0000000000000000000000000000000000000000000000000000000000000000";
  const char *f;
  gint64 rev = 0, row;

  g_assert_no_error (error);
  g_assert_true (cs_store_save (store, m, &rev, &error));
  g_assert_no_error (error);

  /* nothing sent: an original; nothing to cancel */
  f = cs_edifact_message_function (store, m->reference, "DESTCUSTOMS", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (f, ==, "9");
  g_assert_null (cs_edifact_message_function (store, m->reference, "DESTCUSTOMS", TRUE, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "DESTCUSTOMS"));
  g_clear_error (&error);

  /* the original sent: the next is a replacement, to that recipient only */
  row = cs_store_record_export (store, m->reference, "edifact", "/tmp/a.edi", sha, rev, &error);
  g_assert_no_error (error);
  g_assert_true (cs_edifact_record_sent (store, row, "DESTCUSTOMS", "9", "K7Q20000000001", &error));
  g_assert_cmpstr (cs_edifact_message_function (store, m->reference, "DESTCUSTOMS", FALSE, NULL), ==, "5");
  g_assert_cmpstr (cs_edifact_message_function (store, m->reference, "PORTSYS", FALSE, NULL), ==, "9");
  /* other formats do not count */
  g_assert_cmpint (cs_store_record_export (store, m->reference, "xml", "/tmp/a.xml", sha, rev, NULL), >, 0);
  g_assert_cmpstr (cs_edifact_message_function (store, m->reference, "DESTCUSTOMS", FALSE, NULL), ==, "5");

  /* cancelled: nothing more to cancel, and the next one is an original again */
  g_assert_cmpstr (cs_edifact_message_function (store, m->reference, "DESTCUSTOMS", TRUE, NULL), ==, "1");
  row = cs_store_record_export (store, m->id, "edifact", "/tmp/b.edi", sha, rev, &error);
  g_assert_true (cs_edifact_record_sent (store, row, "DESTCUSTOMS", "1", "K7Q20000000002", &error));
  g_assert_no_error (error);
  g_assert_null (cs_edifact_message_function (store, m->reference, "DESTCUSTOMS", TRUE, NULL));
  g_assert_cmpstr (cs_edifact_message_function (store, m->reference, "DESTCUSTOMS", FALSE, NULL), ==, "9");

  /* the history lists what was sent, newest first */
  sent = cs_edifact_list_sent (store, m->reference, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sent->len, ==, 2);
  g_assert_cmpstr (((CsEdifactSent *) sent->pdata[0])->message_function, ==, "1");
  g_assert_cmpstr (((CsEdifactSent *) sent->pdata[1])->interchange, ==, "K7Q20000000001");
  g_assert_cmpstr (cs_edifact_function_label ("5"), ==, "replacement");

  /* one installation id per store, kept */
  inst = cs_edifact_installation_id (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (inst), ==, 4);
  inst2 = cs_edifact_installation_id (store, NULL);
  g_assert_cmpstr (inst, ==, inst2);
  ref = cs_edifact_interchange_ref (inst, 12);
  g_assert_cmpuint (strlen (ref), ==, 14);
  g_assert_true (g_str_has_prefix (ref, inst));
  g_assert_true (g_str_has_suffix (ref, "0000000012"));
}

/* Writes @text with @from replaced by @to (once) to @name in the scratch folder. */
static char *
mutate (Fixture    *fx,
        const char *text,
        const char *from,
        const char *to,
        const char *name)
{
  g_autoptr(GString) s = g_string_new (text);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fx->dir, name, NULL);

  g_assert_nonnull (strstr (text, from));
  g_assert_cmpuint (g_string_replace (s, from, to, 1), ==, 1);
  g_assert_true (g_file_set_contents (path, s->str, (gssize) s->len, &error));
  g_assert_no_error (error);
  return path;
}

/* Negative controls: the checker is not a rubber stamp. Each broken copy of a good export fails
 * it for the reason put in. */
static void
test_checker_controls (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autofree char *path = export_edi (fx, m, "good.edi");
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) segs = read_segments (path, &text);
  const char *unt = find_segment (segs, "UNT+");
  g_autofree char *count = seg_value (unt, 1, 0);
  g_autofree char *good_unt = g_strdup_printf ("'UNT+%s+", count);
  g_autofree char *bad_unt = g_strdup_printf ("'UNT+%d+", atoi (count) + 1);
  const char *cnt16 = find_segment (segs, "CNT+16:");
  g_autofree char *cnt16_seg = g_strdup_printf ("'%s'", cnt16);
  g_autoptr(GString) moved = g_string_new (text);
  g_autofree char *moved_path = g_build_filename (fx->dir, "moved.edi", NULL);

  assert_checker_passes (path);

  {
    g_autofree char *p = mutate (fx, text, good_unt, bad_unt, "count.edi");
    assert_checker_fails (p, "(UNT): segment count");
  }
  {
    g_autofree char *p = mutate (fx, text, "SEL+CN2604881'", "SEL+CN26048810000'", "long.edi");
    assert_checker_fails (p, "format an..10 allows at most 10");
  }
  {
    g_autofree char *p = mutate (fx, text, "BGM+85+", "BGM+86+", "code.edi");
    assert_checker_fails (p, "is not a code of list 1001");
  }
  {
    g_autofree char *p = mutate (fx, text, "+CNQZH:139:6'", "+CN-QZ:139:6'", "locode.edi");
    assert_checker_fails (p, "does not have the form of 3225");
  }
  /* The equipment count moved up to the header: same segments, wrong place. */
  g_assert_cmpuint (g_string_replace (moved, cnt16_seg, "'", 1), ==, 1);
  {
    const char *bgm = strstr (moved->str, "'BGM+");
    const char *end = strchr (bgm + 1, '\'');
    g_string_insert (moved, end - moved->str + 1, cnt16_seg + 1);
  }
  g_assert_true (g_file_set_contents (moved_path, moved->str, (gssize) moved->len, NULL));
  assert_checker_fails (moved_path, "segment out of place");
  {
    g_autofree char *p = mutate (fx, text, "'GID+1+", "'GIX+1+", "unknown.edi");
    assert_checker_fails (p, "(GIX)");
  }
  {
    g_autofree char *p = mutate (fx, text, "SGP+OOLU8832107+", "SGP+OOLU8832108+", "sgp.edi");
    assert_checker_fails (p, "container OOLU8832108 has no EQD in this message");
  }
}

/* The CLI end to end ($CONSIGN_BIN): original, replacement, a test cancellation, nothing more to
 * cancel; UNB references of one installation, increasing. */
static void
test_cli_history (Fixture       *fx,
                  gconstpointer  data)
{
  const char *bin = g_getenv ("CONSIGN_BIN");
  g_autofree char *db = g_build_filename (fx->dir, "cli.sqlite", NULL);
  g_autofree char *json = g_test_build_filename (G_TEST_DIST, "data", "every-field.json", NULL);
  const char *expected[] = { "9", "5", "1" };
  g_autofree char *prefix = NULL;
  g_autofree char *out = NULL;

  g_assert_nonnull (bin);
  {
    const char *argv[] = { bin, "--db", db, "import", json, NULL };
    g_assert_cmpint (cs_test_run (argv, NULL), ==, 0);
  }
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *name = g_strdup_printf ("cli-%u.edi", i);
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);
      g_autofree char *bgm = g_strdup_printf ("BGM+85+CQ-EVERY-0001+%s", expected[i]);
      const char *argv[] = { bin, "--db", db, "export", "-f", "edifact", "--sender", "ME",
                             "--recipient", "CUSTOMS", "-o", path, "CQ-EVERY-0001", NULL, NULL, NULL };
      g_autoptr(GPtrArray) segs = NULL;
      g_autofree char *ref = NULL;

      if (i == 2)
        {
          argv[12] = "--cancel";          /* and a test interchange */
          argv[13] = "--test";
          argv[14] = "CQ-EVERY-0001";
        }
      g_clear_pointer (&out, g_free);
      g_assert_cmpint (cs_test_run (argv, &out), ==, 0);
      segs = read_segments (path, NULL);
      assert_checker_passes (path);
      g_assert_true (has_segment (segs, bgm));
      ref = seg_value (segs->pdata[0], 5, 0);
      g_assert_cmpuint (strlen (ref), ==, 14);
      if (prefix == NULL)
        prefix = g_strndup (ref, 4);
      g_assert_true (g_str_has_prefix (ref, prefix));
      g_assert_cmpint (g_ascii_strtoll (ref + 4, NULL, 10), ==, i + 1);
      g_assert_nonnull (strstr (out, ref));
      g_assert_cmpint (g_str_has_suffix (segs->pdata[0], "++++1"), ==, i == 2);
    }
  {
    g_autofree char *path = g_build_filename (fx->dir, "cli-again.edi", NULL);
    const char *argv[] = { bin, "--db", db, "export", "-f", "edifact", "--sender", "ME",
                           "--recipient", "CUSTOMS", "-o", path, "--cancel", "CQ-EVERY-0001", NULL };
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (cs_test_run (argv, &out), !=, 0);
    g_assert_nonnull (strstr (out, "Nothing to cancel"));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  {
    g_autofree char *path = g_build_filename (fx->dir, "cli.csv", NULL);
    const char *argv[] = { bin, "--db", db, "export", "-f", "csv", "--test", "-o", path,
                           "CQ-EVERY-0001", NULL };
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (cs_test_run (argv, &out), !=, 0);
    g_assert_nonnull (strstr (out, "--format edifact"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/export/edifact/every-field", test_every_field);
  ADD ("/export/edifact/shared-example", test_shared_example);
  ADD ("/export/edifact/checker-controls", test_checker_controls);
  ADD ("/export/edifact/reefer-minus-18", test_reefer_minus_18);
  ADD ("/export/edifact/escaping", test_escaping);
  ADD ("/export/edifact/chinese-name", test_chinese_name);
  ADD ("/export/edifact/transliteration", test_transliteration);
  ADD ("/export/edifact/format-violation", test_format_violation);
  ADD ("/export/edifact/options", test_options);
  ADD ("/export/edifact/references", test_references);
  ADD ("/export/edifact/d95b-refused", test_d95b_refused);
  ADD ("/export/edifact/multi-message", test_multi_message);
  ADD ("/export/edifact/vin-boxes", test_vin_boxes);
  ADD ("/export/edifact/conveyance", test_conveyance);
  ADD ("/export/edifact/message-function", test_message_function);
  ADD ("/export/edifact/incomplete", test_incomplete);
  ADD ("/export/edifact/long-description", test_long_description);
  ADD ("/export/edifact/history", test_history);
  ADD ("/export/edifact/cli-history", test_cli_history);
#undef ADD

  return g_test_run ();
}
