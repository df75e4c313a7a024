/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-text.c: texts kept as message id and arguments, written out when read */

#include "config.h"

#include <string.h>

#include "cs-finding.h"
#include "cs-text-private.h"

/* Written out, a text reads exactly as printf would have written it at once. */
static void
test_text_like_printf (void)
{
  char number[] = "CSQU3054380";
  g_autoptr(CsText) t = CS_TEXT ("Container %s: the check digit should be %d, not %c", number, 3, '0');
  g_autoptr(CsText) g = CS_TEXT ("Line %g has %g packages, but the splits hold %g", 4.0, 12.5, 1e21);
  g_autoptr(CsText) f = CS_TEXT ("a tare of %.0f kg is unusual (%.1f–%02d) %u%% %ld %zu %x", 2230.4, 3.25, 7,
                                 42u, -5L, (gsize) 9, 255u);
  g_autoptr(CsText) star = CS_TEXT ("The items are worth %.*f %s in total, the invoice says %.*f", 2, 1234.5,
                                    "USD", 3, 99.0);
  g_autofree char *zh_star = cs_text_format_with (star, "货物项合计货值 %.*f %s，而发票金额为 %.*f");
  g_autofree char *want_g = g_strdup_printf ("Line %g has %g packages, but the splits hold %g", 4.0, 12.5, 1e21);
  g_autofree char *want_f = g_strdup_printf ("a tare of %.0f kg is unusual (%.1f–%02d) %u%% %ld %zu %x", 2230.4,
                                             3.25, 7, 42u, -5L, (gsize) 9, 255u);

  /* %s is copied when the text is made: the rule's buffers change after */
  memset (number, 'X', sizeof number - 1);
  g_assert_cmpstr (cs_text_get (t), ==, "Container CSQU3054380: the check digit should be 3, not 0");
  g_assert_cmpstr (cs_text_get (g), ==, want_g);
  g_assert_cmpstr (cs_text_get (f), ==, want_f);
  /* "%.*f": the precision is an argument too */
  g_assert_cmpstr (cs_text_get (star), ==, "The items are worth 1234.50 USD in total, the invoice says 99.000");
  g_assert_cmpstr (zh_star, ==, "货物项合计货值 1234.50 USD，而发票金额为 99.000");
  g_assert_null (cs_text_format_with (star, "%f %s %f"));
  /* written once, then the same string every time */
  g_assert_true (cs_text_get (t) == cs_text_get (t));
  g_assert_cmpstr (cs_text_get_msgid (t), ==, "Container %s: the check digit should be %d, not %c");
}

/* A translation may put the arguments in another order, and may repeat none or all of them. */
static void
test_text_positional (void)
{
  g_autoptr(CsText) t = CS_TEXT ("The %s %s expires on %s, less than %g days before the %s", "health certificate",
                                 "HC-1", "2026-05-01", 7.0, "departure");
  g_autoptr(CsText) vin = CS_TEXT ("VIN %s is already on line %u of %s", "LSVAU2180N2183294", 4u, "draft 7");
  g_autofree char *zh = cs_text_format_with (t, "%1$s %2$s 将于 %3$s 过期，距%5$s不足 %4$g 天");
  g_autofree char *zh_vin = cs_text_format_with (vin, "车架号 %1$s 已在 %3$s 的第 %2$u 行");
  g_autofree char *same = cs_text_format_with (vin, "%s|%u|%s|%%");

  g_assert_cmpstr (zh, ==, "health certificate HC-1 将于 2026-05-01 过期，距departure不足 7 天");
  g_assert_cmpstr (zh_vin, ==, "车架号 LSVAU2180N2183294 已在 draft 7 的第 4 行");
  g_assert_cmpstr (same, ==, "LSVAU2180N2183294|4|draft 7|%");
}

/* A translation that asks for an argument the text does not have, or of another kind, is not
 * used (NULL here; cs_text_get () falls back to the message id). */
static void
test_text_broken_translation (void)
{
  g_autoptr(CsText) t = CS_TEXT ("Leg %u has %s", 2u, "no vessel");
  g_autofree char *fine = cs_text_format_with (t, "%2$s (%1$u)");

  g_assert_cmpstr (fine, ==, "no vessel (2)");
  g_assert_null (cs_text_format_with (t, "%3$s"));
  g_assert_null (cs_text_format_with (t, "%s %s"));
  g_assert_null (cs_text_format_with (t, "%u %u %u"));
  g_assert_null (cs_text_format_with (t, "%q"));
}

/* Plural forms choose by the count (C locale: English rules); the arguments are the plural's. */
static void
test_text_plural (void)
{
  g_autoptr(CsText) one = CS_TEXT_PLURAL ("%u item is dangerous goods on leg %u",
                                          "%u items are dangerous goods on leg %u", 1, 1u, 3u);
  g_autoptr(CsText) two = CS_TEXT_PLURAL ("%u item is dangerous goods on leg %u",
                                          "%u items are dangerous goods on leg %u", 2, 2u, 3u);

  g_assert_cmpstr (cs_text_get (one), ==, "1 item is dangerous goods on leg 3");
  g_assert_cmpstr (cs_text_get (two), ==, "2 items are dangerous goods on leg 3");
  g_assert_false (cs_text_equal (one, two));
}

/* Equal texts read the same without being written out; the hash agrees. */
static void
test_text_equal (void)
{
  char a[] = "CSQU3054383", b[] = "CSQU3054383";
  g_autoptr(CsText) t1 = CS_TEXT ("Container %s has no seal (%g kg)", a, 1.5);
  g_autoptr(CsText) t2 = CS_TEXT ("Container %s has no seal (%g kg)", b, 1.5);
  g_autoptr(CsText) t3 = CS_TEXT ("Container %s has no seal (%g kg)", b, 2.5);
  g_autoptr(CsText) t4 = CS_TEXT ("Container %s has no tare (%g kg)", b, 1.5);
  g_autoptr(CsText) lit1 = cs_text_new_literal ("Container CSQU3054383 has no seal (1.5 kg)");
  g_autoptr(CsText) lit2 = cs_text_new_literal ("Container CSQU3054383 has no seal (1.5 kg)");

  g_assert_true (cs_text_equal (t1, t2));
  g_assert_cmpuint (cs_text_hash (t1), ==, cs_text_hash (t2));
  g_assert_false (cs_text_equal (t1, t3));
  g_assert_false (cs_text_equal (t1, t4));
  g_assert_true (cs_text_equal (lit1, lit2));
  g_assert_cmpuint (cs_text_hash (lit1), ==, cs_text_hash (lit2));
  g_assert_cmpstr (cs_text_get (lit1), ==, cs_text_get (t1));
  g_assert_cmpstr (cs_text_get_msgid (lit1), ==, "");
  /* reading does not change equality */
  (void) cs_text_get (t1);
  g_assert_true (cs_text_equal (t1, t2));
}

/* Many threads reading one text at once all get the one string kept (findings are made on a
 * worker thread and read by the window and an export at the same time). */
static gpointer
read_text (gpointer data)
{
  return (gpointer) cs_text_get (data);
}

static void
test_text_threads (void)
{
  g_autoptr(CsText) t = CS_TEXT ("Line %g: HS code %s is in chapter %02d, which does not exist", 7.0, "990100",
                                 99);
  GThread *threads[8];
  const char *first = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("reader", read_text, t);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      const char *got = g_thread_join (threads[i]);

      if (first == NULL)
        first = got;
      g_assert_true (got == first);
    }
  g_assert_true (cs_text_get (t) == first);
  g_assert_cmpstr (first, ==, "Line 7: HS code 990100 is in chapter 99, which does not exist");
}

/* Findings compare by text without writing it out; a finding made from plain strings reads them. */
static void
test_text_findings (void)
{
  g_autoptr(CsFinding) a = cs_finding_new_text ("container.seal", CS_SEVERITY_ERROR, "containers[0].seals",
                                                CS_TEXT ("Container %s is packed but has no seal", "CSQU3054383"),
                                                CS_TEXT ("Enter the seal number."));
  g_autoptr(CsFinding) b = cs_finding_new_text ("container.seal", CS_SEVERITY_ERROR, "containers[1].seals",
                                                CS_TEXT ("Container %s is packed but has no seal", "MSKU1234565"),
                                                CS_TEXT ("Enter the seal number."));
  g_autoptr(CsFinding) plain = cs_finding_new ("container.seal", CS_SEVERITY_ERROR, "containers[1].seals",
                                               "Container MSKU1234565 is packed but has no seal", "");

  g_assert_false (cs_finding_message_equal (a, b));
  g_assert_true (cs_finding_hint_equal (a, b));
  g_assert_cmpuint (cs_finding_hint_hash (a), ==, cs_finding_hint_hash (b));
  g_assert_false (cs_finding_hint_equal (a, plain));
  g_assert_cmpstr (cs_finding_get_message (b), ==, cs_finding_get_message (plain));
  g_assert_cmpstr (cs_finding_get_hint (plain), ==, "");
  g_assert_cmpstr (cs_finding_get_hint (a), ==, "Enter the seal number.");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/text/like-printf", test_text_like_printf);
  g_test_add_func ("/text/positional", test_text_positional);
  g_test_add_func ("/text/broken-translation", test_text_broken_translation);
  g_test_add_func ("/text/plural", test_text_plural);
  g_test_add_func ("/text/equal", test_text_equal);
  g_test_add_func ("/text/threads", test_text_threads);
  g_test_add_func ("/text/findings", test_text_findings);
  return g_test_run ();
}
