/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-import.c: rows from CSV and xlsx into a draft, beside openpyxl reading the same workbook
 *
 *   bench-import [ROWS] [MILLION_ROWS]    (default: 100000 and 1000000)
 *   bench-import --profile csv|xlsx|read [ROWS]   one step in this process, for a profiler
 *
 * Files: ROWS item rows of 12 columns (line, description, HS code, quantity, unit, packages,
 * package type, net kg, gross kg, volume, value, origin), the same data as CSV and as an xlsx
 * written by libxlsxwriter with shared strings (as Excel writes it). Each step runs in a forked
 * child, so that its "peak RSS" is its own:
 *   csv -> draft    cs_table_open + mapping + cs_table_import_items, cs_store_load of an empty
 *                   draft, the lines appended and cs_store_save (the whole `consign import`)
 *   xlsx -> draft   the same from the workbook
 *   xlsx read       cs_xlsx_book_read_sheet alone, every cell touched (what openpyxl does below)
 *   openpyxl        load_workbook(read_only=True) iterating every row's values (bench-import-openpyxl.py
 *                   with /usr/bin/python3)
 *   xlsx read, MILLION_ROWS rows   the streaming reader on a million-row workbook: its peak RSS
 *                   shows that rows are not kept (0 skips it)
 * The import steps also give their CPU time by phase: reading the file into rows, rows -> items,
 * the items into the draft, saving.
 * Targets on the reference machine: 100,000 rows into a draft from CSV <= 1 s, from xlsx <= 2 s;
 * the exit status is 1 when one is missed.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "cs-bench-gen.h"
#include "cs-list.h"
#include "cs-store.h"
#include "cs-table-import.h"
#include "cs-xlsx-read.h"

typedef struct
{
  double wall_s;
  double cpu_s;
  gsize  rss_peak;
  guint  count;
  double phase_cpu_s[4];   /* import_job: reading the file, rows -> items, into the draft, saving */
} Result;

static const char *phase_names[] = { "read", "rows -> items", "into the draft", "save" };

static double
cpu_s (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static const char *units[] = { "PCE", "SET", "KGM" };
static const char *pkgs[] = { "CT", "PK", "BX" };

static void
write_files (const char *csv,
             const char *xlsx,
             guint       rows,
             gboolean    constant_memory)
{
  lxw_workbook_options options = { .constant_memory = constant_memory, .tmpdir = NULL };
  lxw_workbook *wb = workbook_new_opt (xlsx, &options);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "Items");
  static const char *headers[] = { "Line", "Description", "HS code", "Quantity", "Unit", "Packages",
                                   "Package type", "Net kg", "Gross kg", "Volume m3", "Value", "Origin" };
  GString *s = csv ? g_string_new (NULL) : NULL;

  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    {
      worksheet_write_string (ws, 0, c, headers[c], NULL);
      if (s)
        g_string_append_printf (s, "%s%s", c ? "," : "", headers[c]);
    }
  if (s)
    g_string_append (s, "\r\n");
  for (guint r = 1; r <= rows; r++)
    {
      char desc[64];
      double net = 10.5 + r % 3, gross = 12.25 + r % 3, vol = 0.5, value = 100 + r % 1000;

      g_snprintf (desc, sizeof desc, "Spare part %u, model %u", r, r % 97);
      worksheet_write_number (ws, r, 0, r, NULL);
      worksheet_write_string (ws, r, 1, desc, NULL);
      worksheet_write_string (ws, r, 2, "848180", NULL);
      worksheet_write_number (ws, r, 3, r % 50 + 1, NULL);
      worksheet_write_string (ws, r, 4, units[r % 3], NULL);
      worksheet_write_number (ws, r, 5, r % 7 + 1, NULL);
      worksheet_write_string (ws, r, 6, pkgs[r % 3], NULL);
      worksheet_write_number (ws, r, 7, net, NULL);
      worksheet_write_number (ws, r, 8, gross, NULL);
      worksheet_write_number (ws, r, 9, vol, NULL);
      worksheet_write_number (ws, r, 10, value, NULL);
      worksheet_write_string (ws, r, 11, "CN", NULL);
      if (s)
        g_string_append_printf (s, "%u,\"%s\",848180,%u,%s,%u,%s,%g,%g,%g,%g,CN\r\n", r, desc,
                                r % 50 + 1, units[r % 3], r % 7 + 1, pkgs[r % 3], net, gross, vol, value);
    }
  if (workbook_close (wb) != LXW_NO_ERROR)
    g_error ("cannot write %s", xlsx);
  if (s && !g_file_set_contents (csv, s->str, s->len, NULL))
    g_error ("cannot write %s", csv);
  if (s)
    g_string_free (s, TRUE);
}

/* Runs @fn in a child; the child writes its Result into a pipe. */
static gboolean
in_child (void  (*fn) (gpointer data, Result *out),
          gpointer data,
          Result  *out)
{
  int fds[2];
  pid_t pid;
  int status = 0;
  gboolean ok;

  if (pipe (fds) != 0)
    return FALSE;
  fflush (stdout);
  pid = fork ();
  if (pid == 0)
    {
      Result r = { 0 };

      close (fds[0]);
      fn (data, &r);
      r.rss_peak = cs_bench_rss_peak ();
      if (write (fds[1], &r, sizeof r) != sizeof r)
        _exit (3);
      _exit (0);
    }
  close (fds[1]);
  ok = read (fds[0], out, sizeof *out) == sizeof *out;
  close (fds[0]);
  waitpid (pid, &status, 0);
  return ok && WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

typedef struct
{
  const char *dir;
  const char *file;
  guint       rows;
  const char *csv;       /* write_job: also this CSV */
} Job;

/* The files are written in a child too, so that libxlsxwriter's memory does not count in the
 * steps' peak RSS (a forked child starts with its parent's resident pages). */
static void
write_job (gpointer data,
           Result  *out)
{
  Job *job = data;

  write_files (job->csv, job->file, job->rows, job->csv == NULL);
}

static void
import_job (gpointer data,
            Result  *out)
{
  Job *job = data;
  g_autofree char *db = g_build_filename (job->dir, "bench-import.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(CsManifest) empty = cs_manifest_new_draft ();
  g_autoptr(CsManifest) m = NULL;
  g_autoptr(CsTable) table = NULL;
  g_autoptr(GPtrArray) items = NULL;
  CsImportMapping mapping;
  double t0, c0;

  g_unlink (db);
  store = cs_store_open (db, &error);
  g_assert_no_error (error);
  cs_record_set_string (CS_RECORD (empty), "reference", "BENCH-IMPORT");
  g_assert_true (cs_store_save (store, empty, NULL, &error));

  t0 = g_get_monotonic_time () / 1e6;
  c0 = cpu_s ();
  table = cs_table_open (job->file, CS_IMPORT_ENCODING_UTF8, NULL, &error);
  g_assert_no_error (error);
  out->phase_cpu_s[0] = cpu_s () - c0;
  g_assert_true (cs_table_mapping (table, NULL, &mapping, &error));
  m = cs_store_load (store, "BENCH-IMPORT", &error);
  g_assert_no_error (error);
  cs_table_take_draft_vins (table, cs_import_draft_vins_new (m));   /* as consign import does */
  items = cs_table_import_items (table, &mapping, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&table, cs_table_free);
  out->phase_cpu_s[1] = cpu_s () - c0;
  cs_list_splice (m->items, 0, 0, items->pdata, items->len);
  out->phase_cpu_s[2] = cpu_s () - c0;
  g_assert_true (cs_store_save (store, m, NULL, &error));
  g_assert_no_error (error);
  out->phase_cpu_s[3] = cpu_s () - c0;
  for (guint i = 3; i > 0; i--)
    out->phase_cpu_s[i] -= out->phase_cpu_s[i - 1];
  out->wall_s = g_get_monotonic_time () / 1e6 - t0;
  out->cpu_s = cpu_s () - c0;
  out->count = items->len;
}

static gboolean
count_row (guint             row,
           const CsXlsxCell *cells,
           guint             n_cells,
           gpointer          data,
           GError          **error)
{
  gsize *bytes = data;

  for (guint i = 0; i < n_cells; i++)
    *bytes += strlen (cells[i].text);
  return TRUE;
}

static void
read_job (gpointer data,
          Result  *out)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsXlsxBook) book = NULL;
  gsize bytes = 0;
  double t0 = g_get_monotonic_time () / 1e6, c0 = cpu_s ();

  book = cs_xlsx_book_open (job->file, &error);
  g_assert_no_error (error);
  g_assert_true (cs_xlsx_book_read_sheet (book, NULL, count_row, &bytes, &error));
  out->wall_s = g_get_monotonic_time () / 1e6 - t0;
  out->cpu_s = cpu_s () - c0;
  out->count = (guint) MIN (bytes, G_MAXUINT);
}

static void
print_result (const char   *what,
              const Result *r)
{
  printf ("%-34s %8.3f s wall %8.3f s CPU   peak RSS %7.1f MB\n", what, r->wall_s, r->cpu_s,
          r->rss_peak / 1048576.0);
  if (r->phase_cpu_s[0] > 0)
    {
      printf ("%-34s", "");
      for (guint i = 0; i < G_N_ELEMENTS (phase_names); i++)
        printf ("%s %s %.3f s", i ? "," : "  CPU:", phase_names[i], r->phase_cpu_s[i]);
      printf ("\n");
    }
}

int
main (int    argc,
      char **argv)
{
  const char *profile = argc > 2 && strcmp (argv[1], "--profile") == 0 ? argv[2] : NULL;
  guint rows, million;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-import-XXXXXX", &error);
  g_autofree char *csv = g_build_filename (dir, "items.csv", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "items.xlsx", NULL);
  g_autofree char *big = g_build_filename (dir, "million.xlsx", NULL);
  g_autofree char *script = g_build_filename (BENCH_SRCDIR, "bench-import-openpyxl.py", NULL);
  g_autofree char *py_out = NULL;
  Result csv_r = { 0 }, xlsx_r = { 0 }, read_r = { 0 }, big_r = { 0 };
  Job csv_job = { dir, csv, 0, NULL }, xlsx_job = { dir, xlsx, 0, csv };
  Job big_job = { dir, big, 0, NULL };
  Result scratch;
  double load[3] = { 0 };
  gboolean met;
  int py_status = 0;

  if (profile != NULL)
    argc -= 2, argv += 2;
  rows = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 100000;
  million = argc > 2 ? (guint) strtoul (argv[2], NULL, 10) : 1000000;
  csv_job.rows = xlsx_job.rows = rows;
  big_job.rows = million;
  g_assert_no_error (error);
  if (!in_child (write_job, &xlsx_job, &scratch))
    g_error ("cannot write the files");
  if (profile != NULL)
    {
      /* one step in this process, for perf or callgrind (--toggle-collect=import_job) */
      Result r = { 0 };

      if (strcmp (profile, "read") == 0)
        read_job (&xlsx_job, &r);
      else
        import_job (strcmp (profile, "xlsx") == 0 ? &xlsx_job : &csv_job, &r);
      print_result (profile, &r);
      g_unlink (csv);
      g_unlink (xlsx);
      million = 0;
    }
  else {
  if (getloadavg (load, 3) < 0)
    load[0] = -1;
  {
    GStatBuf csv_st = { 0 }, xlsx_st = { 0 };

    g_stat (csv, &csv_st);
    g_stat (xlsx, &xlsx_st);
    printf ("bench-import: %u rows of 12 columns; CSV %.1f MB, xlsx %.1f MB (shared strings); "
            "load average %.2f\n", rows, csv_st.st_size / 1048576.0, xlsx_st.st_size / 1048576.0,
            load[0]);
  }

  if (!in_child (import_job, &csv_job, &csv_r) || !in_child (import_job, &xlsx_job, &xlsx_r)
      || !in_child (read_job, &xlsx_job, &read_r))
    {
      fprintf (stderr, "bench-import: a step failed\n");
      return 2;
    }
  print_result ("csv -> draft (consign import)", &csv_r);
  print_result ("xlsx -> draft (consign import)", &xlsx_r);
  print_result ("xlsx read (cs-xlsx-read alone)", &read_r);
  {
    const char *py[] = { "/usr/bin/python3", script, xlsx, NULL };

    if (g_spawn_sync (NULL, (char **) py, NULL, G_SPAWN_DEFAULT, NULL, NULL, &py_out, NULL,
                      &py_status, &error) && g_spawn_check_wait_status (py_status, NULL))
      printf ("%s", py_out);
    else
      printf ("openpyxl read-only: could not run (%s)\n", error ? error->message : "failed");
  }
  if (million > 0)
    {
      if (!in_child (write_job, &big_job, &scratch) || !in_child (read_job, &big_job, &big_r))
        {
          fprintf (stderr, "bench-import: the million-row read failed\n");
          return 2;
        }
      {
        g_autofree char *what = g_strdup_printf ("xlsx read, %u rows", million);

        print_result (what, &big_r);
      }
    }

  }
  met = profile != NULL || (csv_r.wall_s <= 1.0 && xlsx_r.wall_s <= 2.0);
  if (profile == NULL)
    printf ("targets (100,000 rows): CSV <= 1 s %s, xlsx <= 2 s %s\n",
          csv_r.wall_s <= 1.0 ? "met" : "MISSED", xlsx_r.wall_s <= 2.0 ? "met" : "MISSED");
  g_unlink (csv);
  g_unlink (xlsx);
  g_unlink (big);
  {
    g_autofree char *db = g_build_filename (dir, "bench-import.sqlite", NULL);
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (db);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return met ? 0 : 1;
}
