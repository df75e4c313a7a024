/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-merge.c: two clerks' edits of a 100,000-line draft put together, as the conflict dialog
 * does it on its worker: what each changed (cs_manifest_diff, twice) and the three-way merge.
 *
 *   bench-merge [N_LINES]      (default 100,000)
 *
 * Two cases, one change per side: a field changed in a line near the top by one clerk and in a
 * line near the end by the other; and a line inserted at the top by one clerk (every line after
 * it moves) with a field changed in a late line by the other. Also the copy of the editor's
 * manifest that the window makes on the main thread before the dialog starts (the one step of
 * the conflict dialog left on the main thread). Wall and CPU time, medians; peak RSS at the end.
 * Prints figures, asserts nothing but that the merges are clean. */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <time.h>

#include "cs-bench-gen.h"
#include "cs-merge.h"

#define RUNS 5

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* CPU time of this thread, in ms: steadier than wall time on a busy machine. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
median (GArray *times)
{
  g_array_sort (times, cmp_double);
  return g_array_index (times, double, times->len / 2);
}

typedef enum
{
  STEP_COPY,
  STEP_DIFF,
  STEP_MERGE,
} Step;

/* Median wall and CPU ms of @RUNS runs of @step. */
static void
time_step (Step        step,
           CsManifest *base,
           CsManifest *ours,
           CsManifest *theirs,
           double     *wall_out,
           double     *cpu_out,
           guint      *count_out)
{
  g_autoptr(GArray) walls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint r = 0; r < RUNS; r++)
    {
      double c0 = cpu_ms ();
      gint64 t0 = g_get_monotonic_time ();
      double wall, cpu;

      switch (step)
        {
        case STEP_COPY:
          {
            g_autoptr(CsRecord) copy = cs_record_copy (CS_RECORD (ours));

            *count_out = CS_MANIFEST_N_ITEMS (CS_MANIFEST (copy));
          }
          break;
        case STEP_DIFF:
          {
            /* both sides, as the dialog lists them (at most 200 rows each) */
            g_autoptr(GPtrArray) theirs_changes = cs_manifest_diff (base, theirs, 200);
            g_autoptr(GPtrArray) your_changes = cs_manifest_diff (base, ours, 200);

            *count_out = theirs_changes->len + your_changes->len;
          }
          break;
        case STEP_MERGE:
        default:
          {
            g_autoptr(GPtrArray) conflicts = NULL;
            g_autoptr(CsManifest) merged = cs_manifest_merge (base, ours, theirs, CS_MERGE_PREFER_OURS,
                                                              &conflicts, NULL);

            if (conflicts->len != 0)
              {
                g_printerr ("bench-merge: %u conflicts where none were expected\n", conflicts->len);
                exit (1);
              }
            *count_out = CS_MANIFEST_N_ITEMS (merged);
          }
          break;
        }
      wall = (g_get_monotonic_time () - t0) / 1000.0;
      cpu = cpu_ms () - c0;
      g_array_append_val (walls, wall);
      g_array_append_val (cpus, cpu);
    }
  *wall_out = median (walls);
  *cpu_out = median (cpus);
}

static void
report (const char *what,
        Step        step,
        CsManifest *base,
        CsManifest *ours,
        CsManifest *theirs)
{
  double wall, cpu;
  guint count = 0;

  time_step (step, base, ours, theirs, &wall, &cpu, &count);
  g_print ("%-50s %10.1f %10.1f %10u\n", what, wall, cpu, count);
}

static CsManifest *
copy_of (CsManifest *m)
{
  return CS_MANIFEST (cs_record_copy (CS_RECORD (m)));
}

int
main (int argc, char **argv)
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  g_autoptr(CsManifest) base = NULL;
  g_autoptr(CsManifest) ours = NULL;
  g_autoptr(CsManifest) theirs = NULL;
  g_autoptr(CsItem) inserted = NULL;
  gsize rss_loaded;
  double max_line = 0;

  setlocale (LC_ALL, "");
  if (n < 10)
    {
      g_printerr ("bench-merge: at least 10 lines\n");
      return 1;
    }
  base = cs_bench_generate (n, 42);
  ours = copy_of (base);
  theirs = copy_of (base);
  rss_loaded = cs_bench_rss_now ();

  g_print ("merge of %u lines, %d runs each (median)\n", n, RUNS);
  g_print ("%-50s %10s %10s %10s\n", "step", "wall ms", "cpu ms", "count");

  /* one field each: line 3 by ours, a line near the end by theirs */
  cs_record_set_number (CS_RECORD (CS_MANIFEST_ITEM (ours, 2)), "gross_kg",
                        CS_MANIFEST_ITEM (ours, 2)->gross_kg + 10);
  cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (theirs, n - 5)), "description", "Changed by the other clerk");
  report ("copy of the editor's draft (main thread)", STEP_COPY, base, ours, theirs);
  report ("changed paths, both sides: field / field", STEP_DIFF, base, ours, theirs);
  report ("merge: field / field", STEP_MERGE, base, ours, theirs);

  /* ours: a new line at the top instead (every line after it moves down one place) */
  g_clear_object (&ours);
  ours = copy_of (base);
  for (guint i = 0; i < n; i++)
    max_line = MAX (max_line, CS_MANIFEST_ITEM (ours, i)->line);
  inserted = CS_ITEM (cs_record_copy (CS_RECORD (CS_MANIFEST_ITEM (ours, 0))));
  cs_item_forget_identities (inserted);
  cs_record_set_number (CS_RECORD (inserted), "line", max_line + 1);
  cs_list_insert (ours->items, 0, inserted);
  report ("changed paths, both sides: insert at top / field", STEP_DIFF, base, ours, theirs);
  report ("merge: insert at top / field", STEP_MERGE, base, ours, theirs);

  g_print ("RSS %.1f MB with the three drafts loaded, peak %.1f MB\n", rss_loaded / 1048576.0,
           cs_bench_rss_peak () / 1048576.0);
  return 0;
}
