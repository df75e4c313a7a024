/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-customs.c: the customs files (XML and EDIFACT CUSCAR exports) for N = 10k and 100k items
 *
 *   bench-customs [N ...]        (default: 10000 100000)
 *
 * For each N, on a cs_bench_generate (N, 1) manifest, best of 3 runs:
 *   xml        cs_export_to_file ("xml"): every field, escaped, numbers exact, temp file + rename
 *   xml bare   the loop a programmer would write first: fprintf of the item fields with
 *              g_markup_escape_text, no schema order, no checks, no atomic rename
 *   edifact    cs_export_to_file ("edifact"): D.96B CUSCAR, every value converted to Latin-1 and
 *              checked against its element format, release escaping, counts
 *   edi bare   fprintf of the same goods segments with no conversion, escaping or checks
 * "s" is wall time, "cpu s" the process's CPU time (user + system, not inflated by other work
 * on the machine), both best of 3. The ratio columns are export over bare loop (wall). Then, once, the independent readers on the
 * largest files: xmllint --schema (validation time) and tests/edifact/check-edifact.py (validity).
 * Targets on the 2-core reference machine, 100,000 items: XML <= 0.6 s, EDIFACT <= 0.5 s.
 * A CUSCAR numbers the goods items of one transport document with at most 5 digits (GID 1496,
 * numbered on across messages), so it carries at most 99,999: for N above that the EDIFACT
 * columns are for the first 99,999 items of the same generator.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>

#include "cs-bench-gen.h"
#include "cs-export.h"

#define TARGET_ITEMS  100000
#define EDI_MAX_ITEMS 99999
#define TARGET_XML_S  0.6
#define TARGET_EDI_S  0.5
#define RUNS          3

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* CPU time of this process (user + system), which other work on the machine does not inflate. */
static double
cpu_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size : 0;
}

static double
time_export (const char            *format,
             CsManifest            *m,
             const CsExportOptions *o,
             const char            *path,
             double                *cpu)
{
  double best = G_MAXDOUBLE;

  *cpu = G_MAXDOUBLE;
  for (int r = 0; r < RUNS; r++)
    {
      g_autoptr(GError) error = NULL;
      double c0 = cpu_s ();
      double t0 = now_s ();

      if (!cs_export_to_file (format, m, o, path, NULL, &error))
        {
          fprintf (stderr, "bench-customs: %s: %s\n", format, error->message);
          exit (1);
        }
      best = MIN (best, now_s () - t0);
      *cpu = MIN (*cpu, cpu_s () - c0);
    }
  return best;
}

static void
bare_text (FILE       *fp,
           const char *tag,
           const char *value)
{
  g_autofree char *esc = NULL;

  if (value == NULL)
    return;
  esc = g_markup_escape_text (value, -1);
  fprintf (fp, "<%s>%s</%s>\n", tag, esc, tag);
}

static double
time_bare_xml (CsManifest *m,
               const char *path)
{
  double best = G_MAXDOUBLE;

  for (int r = 0; r < RUNS; r++)
    {
      double t0 = now_s ();
      FILE *fp = g_fopen (path, "w");

      fprintf (fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Manifest>\n");
      for (guint i = 0; i < CS_MANIFEST_N_ITEMS (m); i++)
        {
          CsItem *it = CS_MANIFEST_ITEM (m, i);
          fprintf (fp, "<GoodsItem>\n<SequenceNumeric>%.0f</SequenceNumeric>\n", it->line);
          bare_text (fp, "Description", it->description);
          bare_text (fp, "Classification", it->hs_code);
          fprintf (fp, "<Quantity>%g</Quantity>\n<GrossMassMeasure>%g</GrossMassMeasure>\n"
                       "<NetNetWeightMeasure>%g</NetNetWeightMeasure>\n<ValueAmount>%g</ValueAmount>\n",
                   it->quantity, it->gross_kg, it->net_kg, it->value);
          bare_text (fp, "MarksNumbersID", it->marks);
          bare_text (fp, "TransportEquipmentID", it->container);
          if (it->vehicle != NULL && it->vehicle->vins != NULL)
            for (guint v = 0; it->vehicle->vins[v]; v++)
              bare_text (fp, "VIN", it->vehicle->vins[v]);
          fprintf (fp, "</GoodsItem>\n");
        }
      fprintf (fp, "</Manifest>\n");
      fclose (fp);
      best = MIN (best, now_s () - t0);
    }
  return best;
}

static double
time_bare_edi (CsManifest *m,
               const char *path)
{
  double best = G_MAXDOUBLE;

  for (int r = 0; r < RUNS; r++)
    {
      double t0 = now_s ();
      FILE *fp = g_fopen (path, "w");

      fprintf (fp, "UNA:+.? 'UNB+UNOC:3+BENCH+DEST+260405:1030+1'UNH+1+CUSCAR:D:96B:UN'");
      for (guint i = 0; i < CS_MANIFEST_N_ITEMS (m); i++)
        {
          CsItem *it = CS_MANIFEST_ITEM (m, i);
          fprintf (fp, "GID+%u+%.0f:%s'", i + 1, it->packages ? it->packages->count : 0,
                   it->packages && it->packages->type ? it->packages->type : "");
          fprintf (fp, "FTX+AAA+++%s:HS %s'", it->description ? it->description : "",
                   it->hs_code ? it->hs_code : "");
          if (it->vehicle != NULL && it->vehicle->vins != NULL)
            {
              fprintf (fp, "FTX+AAA+++VIN");
              for (guint v = 0; it->vehicle->vins[v]; v++)
                fprintf (fp, " %s", it->vehicle->vins[v]);
              fprintf (fp, "'");
            }
          fprintf (fp, "MEA+AAE+G+KGM:%g'MEA+AAE+AAL+KGM:%g'", it->gross_kg, it->net_kg);
          if (it->container != NULL)
            fprintf (fp, "SGP+%s+%.0f'", it->container, it->packages ? it->packages->count : 0);
          if (it->marks != NULL)
            fprintf (fp, "PCI+28+%s'", it->marks);
        }
      fprintf (fp, "UNT+1+1'UNZ+1+1'");
      fclose (fp);
      best = MIN (best, now_s () - t0);
    }
  return best;
}

/* Runs a checker once; returns its wall time, or a negative number when it rejected the file. */
static double
time_tool (const char * const *argv,
           char              **output)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = -1;
  double t0 = now_s ();
  double t;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                     &status, &error))
    {
      *output = g_strdup (error->message);
      return -1;
    }
  t = now_s () - t0;
  *output = g_strstrip (g_strconcat (out, err, NULL));
  return g_spawn_check_wait_status (status, NULL) ? t : -1;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *dir = g_dir_make_tmp ("bench-customs-XXXXXX", &error);
  g_autofree char *xml = NULL, *edi = NULL, *bare = NULL;
  g_autoptr(GDateTime) stamp = g_date_time_new_now_local ();
  CsExportOptions o = { 0 };
  double target_xml = -1, target_edi = -1;

  if (dir == NULL)
    {
      fprintf (stderr, "bench-customs: %s\n", error->message);
      return 1;
    }
  for (int i = 1; i < argc; i++)
    {
      guint n = (guint) g_ascii_strtoull (argv[i], NULL, 10);
      if (n == 0)
        {
          fprintf (stderr, "usage: bench-customs [N_ITEMS ...]\n");
          return 2;
        }
      g_array_append_val (sizes, n);
    }
  if (sizes->len == 0)
    {
      guint defaults[] = { 10000, 100000 };
      g_array_append_vals (sizes, defaults, G_N_ELEMENTS (defaults));
    }

  xml = g_build_filename (dir, "manifest.xml", NULL);
  edi = g_build_filename (dir, "manifest.edi", NULL);
  bare = g_build_filename (dir, "bare.out", NULL);
  o.sender = "BENCHSENDER";
  o.recipient = "BENCHCUSTOMS";
  o.interchange_ref = 1;
  o.now = stamp;

  {
    g_autofree char *load = NULL;
    if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
      printf ("load average: %s", load);
  }
  printf ("%8s %8s %7s %7s %7s %6s %8s %7s %7s %7s %6s\n", "items", "xml MB", "xml s", "cpu s",
          "bare s", "ratio", "edi MB", "edi s", "cpu s", "bare s", "ratio");
  for (guint k = 0; k < sizes->len; k++)
    {
      guint n = g_array_index (sizes, guint, k);
      g_autoptr(CsManifest) m = cs_bench_generate (n, 1);
      g_autoptr(CsManifest) m_edi = n > EDI_MAX_ITEMS ? cs_bench_generate (EDI_MAX_ITEMS, 1)
                                                      : g_object_ref (m);
      double c_xml, c_edi;
      double t_xml = time_export ("xml", m, NULL, xml, &c_xml);
      goffset s_xml = file_size (xml);
      double t_xml_bare = time_bare_xml (m, bare);
      double t_edi = time_export ("edifact", m_edi, &o, edi, &c_edi);
      goffset s_edi = file_size (edi);
      double t_edi_bare = time_bare_edi (m_edi, bare);

      printf ("%8u %8.1f %7.3f %7.3f %7.3f %6.2f %8.1f %7.3f %7.3f %7.3f %6.2f\n", n,
              s_xml / 1e6, t_xml, c_xml, t_xml_bare, t_xml / t_xml_bare,
              s_edi / 1e6, t_edi, c_edi, t_edi_bare, t_edi / t_edi_bare);
      fflush (stdout);
      if (n == TARGET_ITEMS)
        {
          target_xml = t_xml;
          target_edi = t_edi;
        }
    }

  /* The independent readers on the last (largest) files. */
  {
    g_autofree char *xsd = g_build_filename (BENCH_SRCDIR, "..", "..", "resources", "schema",
                                             "consign-manifest.xsd", NULL);
    const char *lint[] = { "/usr/bin/xmllint", "--noout", "--schema", xsd, xml, NULL };
    g_autofree char *out = NULL;
    double t = time_tool (lint, &out);

    if (t < 0)
      printf ("xmllint --schema: REJECTED: %.400s\n", out);
    else
      printf ("xmllint --schema: valid, %.2f s\n", t);
  }
  {
    g_autofree char *tool = g_build_filename (BENCH_SRCDIR, "..", "edifact", "check-edifact.py", NULL);
    const char *check[] = { "/usr/bin/python3", tool, edi, NULL };
    g_autofree char *out = NULL;
    double t = time_tool (check, &out);

    if (t < 0)
      printf ("check-edifact: REJECTED: %.400s\n", out);
    else
      printf ("check-edifact: %s (%.2f s)\n", out, t);
  }

  if (target_xml >= 0)
    printf ("target (wall, best of %d): XML of %u items <= %.1f s: %s (%.3f s)\n"
            "target (wall, best of %d): EDIFACT of %u items <= %.1f s: %s (%.3f s)\n", RUNS,
            TARGET_ITEMS, TARGET_XML_S, target_xml <= TARGET_XML_S ? "met" : "NOT met", target_xml,
            RUNS, MIN (TARGET_ITEMS, EDI_MAX_ITEMS), TARGET_EDI_S, target_edi <= TARGET_EDI_S ? "met" : "NOT met",
            target_edi);

  g_unlink (xml);
  g_unlink (edi);
  g_unlink (bare);
  g_rmdir (dir);
  return 0;
}
