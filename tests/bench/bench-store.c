/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-store.c: JSON read/write, draft store save/load and memory, for N = 1k, 10k, 100k items
 *
 *   bench-store [N ...]        (default: 1000 10000 100000)
 *
 * Each measurement runs in a forked child, so that every "peak RSS" belongs to that step alone:
 *   json read    cs_json_load_file() of the generated manifest (peak RSS = JSON import peak)
 *   json write   cs_json_dump() + writing the file
 *   save         an import: the JSON file is read, then cs_store_save() of it as a new draft
 *                into an empty store is timed, then a re-save of the same unchanged draft (which
 *                replaces every row); "peak import" is this process's peak RSS
 *   load         cs_store_load() in a fresh process; "RSS loaded" is the resident size with the
 *                manifest held in memory (the 150 MB target at 100k items)
 *   cpu          the process's CPU time (user + system) of the best save, re-save and load: steadier
 *                than the wall clock on a busy machine, for comparing two builds
 * Times are the best of R runs (R = 5, 3, 1 for small, medium and large N). Targets on the 2-core
 * reference machine at 100k items: save <= 1.0 s, load <= 0.7 s, JSON read <= 1.0 s,
 * RSS loaded <= 150 MB, JSON import peak <= 600 MB; a line after the table says whether they are met.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cs-bench-gen.h"
#include "cs-json.h"
#include "cs-store.h"

typedef struct
{
  double best_s;        /* best time of the runs */
  double second_s;      /* a second figure (re-save) or 0 */
  double cpu_s;         /* CPU time of the best run (and of the best second figure) */
  double second_cpu_s;
  gsize  rss_now;
  gsize  rss_peak;
} Result;

typedef void (*StepFunc) (const char *dir, guint n, guint runs, Result *out);

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

static double
cpu_now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *
json_path (const char *dir,
           guint       n)
{
  g_autofree char *name = g_strdup_printf ("manifest-%u.json", n);
  return g_build_filename (dir, name, NULL);
}

static char *
db_path (const char *dir,
         guint       n,
         guint       run)
{
  g_autofree char *name = g_strdup_printf ("store-%u-%u.sqlite", n, run);
  return g_build_filename (dir, name, NULL);
}

static void
die_on_error (GError *error)
{
  if (error != NULL)
    {
      fprintf (stderr, "bench-store: %s\n", error->message);
      exit (1);
    }
}

/* ---- steps (each runs in its own child process) -------------------------------------------- */

static void
step_json_read (const char *dir,
                guint       n,
                guint       runs,
                Result     *out)
{
  g_autofree char *path = json_path (dir, n);

  out->best_s = G_MAXDOUBLE;
  for (guint r = 0; r < runs; r++)
    {
      GError *error = NULL;
      double t0 = now_s ();
      CsManifest *m = cs_json_load_file (path, &error);
      double t = now_s () - t0;

      die_on_error (error);
      if (CS_MANIFEST_N_ITEMS (m) != n)
        die_on_error (g_error_new (G_FILE_ERROR, 0, "%s: wrong item count", path));
      out->best_s = MIN (out->best_s, t);
      out->rss_now = cs_bench_rss_now ();
      g_object_unref (m);
    }
  out->rss_peak = cs_bench_rss_peak ();
}

static void
step_json_write (const char *dir,
                 guint       n,
                 guint       runs,
                 Result     *out)
{
  g_autofree char *path = json_path (dir, n);
  g_autofree char *tmp = g_strconcat (path, ".out", NULL);
  g_autoptr(CsManifest) m = cs_bench_generate (n, 1);

  out->best_s = G_MAXDOUBLE;
  for (guint r = 0; r < runs; r++)
    {
      GError *error = NULL;
      double t0 = now_s ();
      gsize len;
      g_autofree char *text = cs_json_dump (m, &len);

      g_file_set_contents (tmp, text, len, &error);
      die_on_error (error);
      out->best_s = MIN (out->best_s, now_s () - t0);
    }
  g_remove (tmp);
  out->rss_now = cs_bench_rss_now ();
  out->rss_peak = cs_bench_rss_peak ();
}

/* An import: the JSON file is read, then saved as a new draft (and saved again unchanged). */
static void
step_save (const char *dir,
           guint       n,
           guint       runs,
           Result     *out)
{
  g_autofree char *json = json_path (dir, n);
  GError *load_error = NULL;
  g_autoptr(CsManifest) m = cs_json_load_file (json, &load_error);

  die_on_error (load_error);
  out->best_s = G_MAXDOUBLE;
  out->second_s = G_MAXDOUBLE;
  for (guint r = 0; r < runs; r++)
    {
      GError *error = NULL;
      g_autofree char *path = db_path (dir, n, r);
      CsStore *store = cs_store_open (path, &error);
      double t0, t1, t2, c0, c1, c2;

      die_on_error (error);
      t0 = now_s ();
      c0 = cpu_now_s ();
      cs_store_save (store, m, NULL, &error);
      t1 = now_s ();
      c1 = cpu_now_s ();
      die_on_error (error);
      cs_store_save (store, m, NULL, &error);
      t2 = now_s ();
      c2 = cpu_now_s ();
      die_on_error (error);
      if (t1 - t0 < out->best_s)
        out->cpu_s = c1 - c0;
      if (t2 - t1 < out->second_s)
        out->second_cpu_s = c2 - c1;
      out->best_s = MIN (out->best_s, t1 - t0);
      out->second_s = MIN (out->second_s, t2 - t1);
      g_object_unref (store);
    }
  out->rss_now = cs_bench_rss_now ();
  out->rss_peak = cs_bench_rss_peak ();
}

static void
step_load (const char *dir,
           guint       n,
           guint       runs,
           Result     *out)
{
  g_autofree char *path = db_path (dir, n, 0);
  GError *error = NULL;
  CsStore *store = cs_store_open (path, &error);
  CsManifest *kept = NULL;

  die_on_error (error);
  out->best_s = G_MAXDOUBLE;
  for (guint r = 0; r < runs; r++)
    {
      double t0 = now_s ();
      double c0 = cpu_now_s ();
      CsManifest *m = cs_store_load (store, "BENCH", &error);
      double t = now_s () - t0;
      double c = cpu_now_s () - c0;

      die_on_error (error);
      if (m == NULL || CS_MANIFEST_N_ITEMS (m) != n)
        die_on_error (g_error_new (G_FILE_ERROR, 0, "%s: wrong item count", path));
      if (t < out->best_s)
        out->cpu_s = c;
      out->best_s = MIN (out->best_s, t);
      g_clear_object (&kept);
      kept = m;
    }
  /* The manifest is held in memory, as the editor holds it. */
  out->rss_now = cs_bench_rss_now ();
  out->rss_peak = cs_bench_rss_peak ();
  g_object_unref (kept);
  g_object_unref (store);
}

static gboolean
run_child (StepFunc    step,
           const char *dir,
           guint       n,
           guint       runs,
           Result     *out)
{
  int fds[2];
  pid_t pid;
  int status = 0;
  gssize got;

  if (pipe (fds) != 0)
    return FALSE;
  fflush (stdout);
  pid = fork ();
  if (pid == 0)
    {
      Result r = { 0 };
      close (fds[0]);
      step (dir, n, runs, &r);
      if (write (fds[1], &r, sizeof r) != sizeof r)
        _exit (1);
      _exit (0);
    }
  close (fds[1]);
  got = read (fds[0], out, sizeof *out);
  close (fds[0]);
  waitpid (pid, &status, 0);
  return got == sizeof *out && WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

static void
prepare (const char *dir,
         guint       n)
{
  g_autoptr(CsManifest) m = cs_bench_generate (n, 1);
  g_autofree char *path = json_path (dir, n);
  g_autofree char *text = NULL;
  GError *error = NULL;
  gsize len;

  cs_field_set_string (CS_RECORD (m), cs_record_find_field (CS_RECORD (m), "reference"), "BENCH");
  text = cs_json_dump (m, &len);
  g_file_set_contents (path, text, len, &error);
  die_on_error (error);
}

static void
remove_dir (const char *path)
{
  GDir *d = g_dir_open (path, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_remove (child);
    }
  g_dir_close (d);
  g_rmdir (path);
}

#define MB(x) ((double) (x) / (1024.0 * 1024.0))

int
main (int    argc,
      char **argv)
{
  guint default_ns[] = { 1000, 10000, 100000 };
  g_autoptr(GArray) ns = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *dir = NULL;
  GError *error = NULL;
  gboolean met = TRUE;
  gboolean large_seen = FALSE;

  for (int i = 1; i < argc; i++)
    {
      guint n = (guint) strtoul (argv[i], NULL, 10);
      if (n == 0)
        {
          fprintf (stderr, "usage: bench-store [N_ITEMS ...]\n");
          return 2;
        }
      g_array_append_val (ns, n);
    }
  if (ns->len == 0)
    g_array_append_vals (ns, default_ns, G_N_ELEMENTS (default_ns));

  dir = g_dir_make_tmp ("cs-bench-store-XXXXXX", &error);
  die_on_error (error);

  printf ("%8s %10s %10s %10s %10s %10s %12s %12s %12s   %s\n", "items", "json read", "json write",
          "save", "re-save", "load", "RSS loaded", "peak import", "peak load",
          "cpu: save re-save load");
  for (guint i = 0; i < ns->len; i++)
    {
      guint n = g_array_index (ns, guint, i);
      guint runs = n <= 1000 ? 5 : n <= 10000 ? 3 : 1;
      Result rd = { 0 }, wr = { 0 }, sv = { 0 }, ld = { 0 };

      prepare (dir, n);
      if (!run_child (step_json_read, dir, n, runs, &rd) ||
          !run_child (step_json_write, dir, n, runs, &wr) ||
          !run_child (step_save, dir, n, runs, &sv) ||
          !run_child (step_load, dir, n, runs, &ld))
        {
          fprintf (stderr, "bench-store: a step failed for N = %u\n", n);
          remove_dir (dir);
          return 1;
        }
      printf ("%8u %9.3fs %9.3fs %9.3fs %9.3fs %9.3fs %9.1f MB %9.1f MB %9.1f MB   %.3fs %.3fs %.3fs\n",
              n, rd.best_s, wr.best_s, sv.best_s, sv.second_s, ld.best_s, MB (ld.rss_now),
              MB (sv.rss_peak), MB (ld.rss_peak), sv.cpu_s, sv.second_cpu_s, ld.cpu_s);
      if (n == 100000)
        {
          large_seen = TRUE;
          met = sv.best_s <= 1.0 && sv.second_s <= 1.0 && ld.best_s <= 0.7 && rd.best_s <= 1.0 &&
                MB (ld.rss_now) <= 150 && MB (sv.rss_peak) <= 600;
        }
    }
  if (large_seen)
    printf ("targets at 100k (save <= 1.0 s, load <= 0.7 s, JSON read <= 1.0 s, RSS loaded <= 150 MB,"
            " import peak <= 600 MB): %s\n", met ? "met" : "NOT MET");
  remove_dir (dir);
  return 0;
}
