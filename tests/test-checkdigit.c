/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-checkdigit.c: ISO 6346, VIN and USCI against published vectors */

#include "config.h"

#include "cs-checkdigit.h"

static void
test_iso6346 (void)
{
  /* published ISO 6346 vectors (CSQU 305438 3 is the standard's own example) */
  g_assert_cmpint (cs_iso6346_check_digit ("CSQU305438"), ==, 3);
  g_assert_cmpint (cs_iso6346_check_digit ("MWCU605978"), ==, 4);
  g_assert_cmpint (cs_iso6346_check_digit ("ABCU123456"), ==, 0);
  g_assert_true (cs_iso6346_valid ("CSQU3054383"));
  g_assert_true (cs_iso6346_valid ("MWCU6059784"));
  g_assert_true (cs_iso6346_valid ("ABCU1234560"));
  g_assert_false (cs_iso6346_valid ("CSQU3054384"));
  g_assert_true (cs_iso6346_well_formed ("CSQU3054384"));

  /* the shared example's boxes */
  g_assert_true (cs_iso6346_valid ("OOLU8832107"));
  g_assert_true (cs_iso6346_valid ("CMAU5120770"));

  /* malformed */
  g_assert_cmpint (cs_iso6346_check_digit ("CSQ3054383"), ==, -1);
  g_assert_cmpint (cs_iso6346_check_digit ("csqu305438"), ==, -1);
  g_assert_cmpint (cs_iso6346_check_digit ("CSQU30543"), ==, -1);
  g_assert_cmpint (cs_iso6346_check_digit (NULL), ==, -1);
  g_assert_false (cs_iso6346_valid ("CSQU305438"));      /* too short */
  g_assert_false (cs_iso6346_valid ("CSQU30543830"));    /* too long */
  g_assert_false (cs_iso6346_valid ("CSQX3054383"));     /* category not U/J/Z */
  g_assert_false (cs_iso6346_well_formed ("CSQX3054383"));
  g_assert_false (cs_iso6346_valid (NULL));
  /* J and Z are categories too */
  {
    char num[12] = "ABCJ123456";
    num[10] = '0' + cs_iso6346_check_digit (num);
    num[11] = '\0';
    g_assert_true (cs_iso6346_valid (num));
  }
}

static void
test_vin (void)
{
  g_assert_cmpint (cs_vin_check_char ("1M8GDM9AXKP042788"), ==, 'X');
  g_assert_cmpint (cs_vin_check_char ("LJCPCBLCX11000237"), ==, 'X');
  g_assert_cmpint (cs_vin_check_char ("11111111111111111"), ==, '1');
  g_assert_cmpint (cs_vin_check_char ("1HGCM82633A004352"), ==, '3');
  g_assert_true (cs_vin_valid ("1M8GDM9AXKP042788"));
  g_assert_true (cs_vin_valid ("LJCPCBLCX11000237"));
  g_assert_true (cs_vin_valid ("11111111111111111"));
  g_assert_true (cs_vin_valid ("1HGCM82633A004352"));
  g_assert_false (cs_vin_valid ("1HGCM82634A004352"));
  /* European VIN with a filler at position 9: well formed, not valid, check not required */
  g_assert_true (cs_vin_well_formed ("WP0ZZZ99ZTS392124"));
  g_assert_false (cs_vin_valid ("WP0ZZZ99ZTS392124"));
  g_assert_cmpint (cs_vin_check_char ("WP0ZZZ99ZTS392124"), ==, '8');
  g_assert_false (cs_vin_check_required ("WP0ZZZ99ZTS392124"));
  g_assert_true (cs_vin_check_required ("LJCPCBLCX11000237"));
  g_assert_true (cs_vin_check_required ("1HGCM82633A004352"));
  g_assert_true (cs_vin_check_required ("5YJ3E1EA7KF000001"));
  g_assert_false (cs_vin_check_required ("JHMCM82633A004352"));

  /* malformed: I O Q, length, lower case */
  g_assert_false (cs_vin_well_formed ("1HGCM82633A00435"));
  g_assert_false (cs_vin_well_formed ("1HGCM82633A0043520"));
  g_assert_false (cs_vin_well_formed ("1HGCM8263IA004352"));
  g_assert_false (cs_vin_well_formed ("1HGCM8263OA004352"));
  g_assert_false (cs_vin_well_formed ("1HGCM8263QA004352"));
  g_assert_false (cs_vin_well_formed ("1hgcm82633a004352"));
  g_assert_false (cs_vin_well_formed (NULL));
  g_assert_cmpint (cs_vin_check_char ("1HGCM8263QA004352"), ==, -1);

  /* model year: position 10, 30-year cycle */
  g_assert_cmpint (cs_vin_model_year ("1M8GDM9AXKP042788", 2020), ==, 2019);   /* K */
  g_assert_cmpint (cs_vin_model_year ("1M8GDM9AXKP042788", 1990), ==, 1989);
  g_assert_cmpint (cs_vin_model_year ("1HGCM82633A004352", 2005), ==, 2003);   /* 3 */
  g_assert_cmpint (cs_vin_model_year ("1HGCM82633A004352", 2030), ==, 2033);
  g_assert_cmpint (cs_vin_model_year ("LJCPCBLCXT1000237", 2026), ==, 2026);   /* T */
  g_assert_cmpint (cs_vin_model_year ("LJCPCBLCXA1000237", 2011), ==, 2010);   /* A */
  g_assert_cmpint (cs_vin_model_year ("LJCPCBLCXY1000237", 2029), ==, 2030);   /* Y */
  g_assert_cmpint (cs_vin_model_year ("LJCPCBLCX91000237", 2010), ==, 2009);   /* 9 */
  g_assert_cmpint (cs_vin_model_year ("LJCPCBLCXU1000237", 2026), ==, -1);     /* U not used */
  g_assert_cmpint (cs_vin_model_year ("LJCPCBLCXZ1000237", 2026), ==, -1);
  g_assert_cmpint (cs_vin_model_year ("LJCPCBLCX01000237", 2026), ==, -1);
  /* far-off reference years take the ends of the searched cycles, without overflowing */
  g_assert_cmpint (cs_vin_model_year ("LJCPCBLCXT1000237", G_MININT), ==, 1996 - 120);
  g_assert_cmpint (cs_vin_model_year ("LJCPCBLCXT1000237", G_MAXINT), ==, 1996 + 240);
  g_assert_cmpint (cs_vin_model_year ("LJC", 2026), ==, -1);
  g_assert_cmpint (cs_vin_model_year (NULL, 2026), ==, -1);
}

static void
test_usci (void)
{
  g_assert_true (cs_usci_valid ("91110000600037341L"));
  g_assert_true (cs_usci_valid ("911100007109288314"));
  g_assert_false (cs_usci_valid ("91500000MA60000001"));
  g_assert_cmpint (cs_usci_check_char ("91500000MA6000000"), ==, 'D');
  g_assert_true (cs_usci_valid ("91500000MA6000000D"));
  g_assert_cmpint (cs_usci_check_char ("91110000600037341"), ==, 'L');
  /* the shared example's parties */
  g_assert_true (cs_usci_valid ("91500000MA5UQ8J2KK"));
  g_assert_true (cs_usci_valid ("91500106MA61C3D7X9"));
  /* malformed: letters outside the alphabet (I O S V Z), length */
  g_assert_cmpint (cs_usci_check_char ("91500000MA6000I00"), ==, 0);
  g_assert_cmpint (cs_usci_check_char ("9150000"), ==, 0);
  g_assert_cmpint (cs_usci_check_char (NULL), ==, 0);
  g_assert_false (cs_usci_valid ("91500000MA6000000"));
  g_assert_false (cs_usci_valid ("91500000MA6000000DD"));
  g_assert_false (cs_usci_valid ("91500000MA600000OD"));
}

/* Vectors computed by hand from the standards' algorithms (independently of the code), chosen for
 * the corners: letters past each skipped multiple of 11 (K=21, L=23, U=32, V=34, Z=38), a sum
 * that is 10 mod 11 (check digit 0 by the final mod 10), sums divisible by 11, VIN sums giving
 * X, USCI sums divisible by 31 and giving the last symbol. */
static void
test_hand_vectors (void)
{
  struct { const char *first10; int check; } iso[] = {
    { "ZZZU999999", 2 },   /* sum 9594 */
    { "AAAJ000000", 0 },   /* sum 230 = 10 mod 11 */
    { "KKFU123456", 8 },   /* sum 5519 */
    { "TGHU000001", 3 },   /* sum 905 */
    { "MSKU907032", 3 },   /* sum 2808 */
    { "CMAU512077", 0 },   /* sum 5973 = 0 mod 11 */
    { "BMOU100000", 7 },   /* sum 436 */
    { "XYZZ000011", 3 },   /* sum 1334, category Z */
  };
  struct { const char *vin; char check; } vins[] = {
    { "LSVAU2180N2183294", 'X' },
    { "LFV2A21K6R3123456", '1' },
    { "5YJ3E1EA7KF000001", '8' },
    { "ZZZZZZZZZZZZZZZZZ", '9' },   /* 9 x 89 = 801 = 9 mod 11 */
    { "JTDKB20U093123456", '2' },
    { "1FTFW1ET5DFC10312", '9' },
    { "LRW3E7FA8PC000001", '4' },
  };
  struct { const char *first17; char check; } uscis[] = {
    { "91110000710928831", '4' },
    { "11100000000013127", 'D' },
    { "52100000500021745", '6' },
    { "92440300MA5EQ2J48", 'W' },
    { "91310000MA1FL0000", 'N' },
    { "00000000000000000", '0' },   /* sum 0: (31 - 0) mod 31 = 0 */
    { "YYYYYYYYYYYYYYYYY", 'T' },
  };
  static const char years[] = "ABCDEFGHJKLMNPRSTVWXY123456789";

  for (guint i = 0; i < G_N_ELEMENTS (iso); i++)
    {
      char full[12];

      g_assert_cmpint (cs_iso6346_check_digit (iso[i].first10), ==, iso[i].check);
      g_snprintf (full, sizeof full, "%s%d", iso[i].first10, iso[i].check);
      g_assert_true (cs_iso6346_valid (full));
      full[10] = '0' + (iso[i].check + 1) % 10;
      g_assert_false (cs_iso6346_valid (full));
    }
  for (guint i = 0; i < G_N_ELEMENTS (vins); i++)
    g_assert_cmpint (cs_vin_check_char (vins[i].vin), ==, vins[i].check);
  for (guint i = 0; i < G_N_ELEMENTS (uscis); i++)
    {
      char full[19];

      g_assert_cmpint (cs_usci_check_char (uscis[i].first17), ==, uscis[i].check);
      g_snprintf (full, sizeof full, "%s%c", uscis[i].first17, uscis[i].check);
      g_assert_true (cs_usci_valid (full));
    }
  /* the model-year cycle: the n-th code is 1980 + n and 2010 + n (a 30-year cycle leaves one code
   * equally far from any year: the check stops short of that tie) */
  for (guint n = 0; n < 30; n++)
    {
      char vin[18] = "LJCPCBLCX11000237";

      vin[9] = years[n];
      g_assert_cmpint (cs_vin_model_year (vin, 1980 + (int) n + 14), ==, 1980 + (int) n);
      g_assert_cmpint (cs_vin_model_year (vin, 2010 + (int) n - 14), ==, 2010 + (int) n);
      g_assert_cmpint (cs_vin_model_year (vin, 2010 + (int) n), ==, 2010 + (int) n);
    }
}

static void
test_locode (void)
{
  g_assert_true (cs_locode_well_formed ("CNQZH"));
  g_assert_true (cs_locode_well_formed ("VNHPH"));
  g_assert_true (cs_locode_well_formed ("DE2X9"));
  g_assert_false (cs_locode_well_formed ("CN-QZ"));
  g_assert_false (cs_locode_well_formed ("cnqzh"));
  g_assert_false (cs_locode_well_formed ("CNQZ1"));
  g_assert_false (cs_locode_well_formed ("CNQZHX"));
  g_assert_false (cs_locode_well_formed ("Qinzhou port!!"));
  g_assert_false (cs_locode_well_formed (NULL));
}

/* IMO ship numbers: 9074729 (the IMO's own worked example) and 9321483 are valid. */
static void
test_imo (void)
{
  g_assert_cmpint (cs_imo_check_digit ("907472"), ==, 9);
  g_assert_cmpint (cs_imo_check_digit ("932148"), ==, 3);
  g_assert_true (cs_imo_valid ("9074729"));
  g_assert_true (cs_imo_valid ("9321483"));
  g_assert_false (cs_imo_valid ("9074728"));
  g_assert_false (cs_imo_valid ("907472"));
  g_assert_false (cs_imo_valid ("90747290"));
  g_assert_false (cs_imo_valid ("IMO9074729"));
  g_assert_false (cs_imo_valid ("90747X9"));
  g_assert_false (cs_imo_valid (NULL));
  g_assert_cmpint (cs_imo_check_digit ("90A472"), ==, -1);
  g_assert_cmpint (cs_imo_check_digit (NULL), ==, -1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/checkdigit/iso6346", test_iso6346);
  g_test_add_func ("/checkdigit/vin", test_vin);
  g_test_add_func ("/checkdigit/usci", test_usci);
  g_test_add_func ("/checkdigit/imo", test_imo);
  g_test_add_func ("/checkdigit/locode", test_locode);
  g_test_add_func ("/checkdigit/hand-vectors", test_hand_vectors);
  return g_test_run ();
}
