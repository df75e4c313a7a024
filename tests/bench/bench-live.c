/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-live.c: the draft store on PostgreSQL side by side with SQLite (issue 12 §6)
 *
 *   tests/pg-cluster.sh xvfb-run -a dbus-run-session -- bench-live [--sidebar-only] [N ...]
 *                                                                  (default N: 10000 100000)
 *   tests/pg-cluster.sh bench-live --save-load-only [N ...]        (part 1 alone, no display needed)
 *
 * CONSIGN_TEST_DB must name a PostgreSQL server where the user may create databases (the
 * throwaway cluster of tests/pg-cluster.sh; tests/bench/run-bench runs it so). Two parts:
 *
 * 1. save / load of an N-item draft: cs_store_save() of a generated manifest as a new draft into
 *    an empty store, then cs_store_load() of it through a new connection; on a SQLite file and
 *    on a new PostgreSQL database (local, Unix socket, the cluster's fsync off), best of R runs
 *    (R = 3 up to 10,000 items, 2 above), with the ratio PostgreSQL / SQLite.
 * 2. "100 drafts changed by another client reach the sidebar in <= 1 s": a store with 100 drafts
 *    (20 items each) is shown in a real CsSidebar (GTK, under Xvfb) in this process; a thread
 *    with its own connection (another client) changes each of the 100 drafts, one transaction
 *    each: saved again (a new revision), or its status set. Measured: from the moment the first
 *    change has committed (its call returned) to the moment the sidebar's list holds all 100
 *    with the change, and the same from the last change's commit (the notification path alone,
 *    without the other client's own time to write). On PostgreSQL the sidebar learns through
 *    LISTEN/NOTIFY; on SQLite through PRAGMA data_version, read once a second, shown for
 *    comparison (no target). Best and worst of 3 rounds.
 *
 * The exit status is 1 when a PostgreSQL figure from the first commit misses the 1 s target.
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "consign-resources.h"
#include "cs-bench-gen.h"
#include "cs-context.h"
#include "cs-enums.h"
#include "cs-db.h"
#include "cs-sidebar.h"
#include "cs-store.h"
#include "cs-store-watch.h"

#define N_DRAFTS   100
#define N_ROUNDS   3
#define TARGET_S   1.0

static const char *admin_location;
static char *scratch;
static guint n_databases;

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

static void
die (const char *what,
     GError     *error)
{
  g_printerr ("bench-live: %s: %s\n", what, error ? error->message : "failed");
  exit (2);
}

static void
admin_exec (const char *sql)
{
  g_autoptr(GError) error = NULL;
  CsDb *db = cs_db_open (admin_location, 0, &error);

  if (db == NULL)
    die ("connect", error);
  if (cs_db_exec (db, sql) != CS_DB_OK)
    {
      g_printerr ("bench-live: %s: %s\n", sql, cs_db_errmsg (db));
      exit (2);
    }
  cs_db_close (db);
}

/* A new store location: a SQLite file in the scratch folder, or a new PostgreSQL database. */
static char *
new_location (gboolean postgresql)
{
  n_databases++;
  if (postgresql)
    {
      g_autofree char *name = g_strdup_printf ("bench_live_%d_%u", (int) getpid (), n_databases);
      g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", name);
      const char *scheme = strstr (admin_location, "://");
      const char *path = strchr (scheme + 3, '/');
      const char *query = strchr (path, '?');

      admin_exec (create);
      return g_strdup_printf ("%.*s/%s%s", (int) (path - admin_location), admin_location, name,
                              query ? query : "");
    }
  else
    {
      g_autofree char *name = g_strdup_printf ("store-%u.sqlite", n_databases);

      return g_build_filename (scratch, name, NULL);
    }
}

static void
drop_location (const char *location)
{
  if (cs_db_location_is_postgresql (location))
    {
      const char *name = strchr (strstr (location, "://") + 3, '/') + 1;
      g_autofree char *db = g_strndup (name, strcspn (name, "?"));
      g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", db);

      admin_exec (drop);
    }
  else
    {
      const char *suffixes[] = { "", "-wal", "-shm" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *path = g_strconcat (location, suffixes[i], NULL);

          g_unlink (path);
        }
    }
}

/* ---- part 1: save and load ------------------------------------------------------------------- */

/* CPU time (s) of the PostgreSQL server's processes (the postmaster's children, read from /proc:
 * the cluster of pg-cluster.sh runs on this machine), or -1 when it cannot be known. On a busy
 * machine the wall clock says little about the server's own work; this does. */
static double
server_cpu_s (void)
{
  const char *host = strstr (admin_location, "host=");
  g_autofree char *dir = NULL, *pidfile = NULL, *text = NULL;
  long postmaster, ticks = 0;
  const char *name;
  GDir *proc;

  if (host == NULL)
    return -1;
  dir = g_strndup (host + 5, strcspn (host + 5, "&"));
  pidfile = g_build_filename (dir, "data", "postmaster.pid", NULL);
  if (!g_file_get_contents (pidfile, &text, NULL, NULL) || (postmaster = atol (text)) <= 0)
    return -1;
  if ((proc = g_dir_open ("/proc", 0, NULL)) == NULL)
    return -1;
  while ((name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = NULL, *stat = NULL;
      const char *p;
      long ppid = 0, utime = 0, stime = 0;

      if (!g_ascii_isdigit (name[0]))
        continue;
      path = g_build_filename ("/proc", name, "stat", NULL);
      if (!g_file_get_contents (path, &stat, NULL, NULL) || (p = strrchr (stat, ')')) == NULL)
        continue;
      /* after "pid (comm)": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime */
      if (sscanf (p + 2, "%*c %ld %*d %*d %*d %*d %*u %*u %*u %*u %*u %ld %ld", &ppid, &utime, &stime) == 3 &&
          (ppid == postmaster || atol (name) == postmaster))
        ticks += utime + stime;
    }
  g_dir_close (proc);
  return (double) ticks / sysconf (_SC_CLK_TCK);
}

typedef struct
{
  double save_s, save_cpu_s, save_server_s;
  double load_s, load_cpu_s, load_server_s;
} SaveLoad;

static void
save_load (CsManifest *m,
           gboolean    postgresql,
           guint       runs,
           SaveLoad   *best)
{
  best->save_s = best->load_s = G_MAXDOUBLE;
  for (guint r = 0; r < runs; r++)
    {
      g_autofree char *location = new_location (postgresql);
      g_autoptr(GError) error = NULL;
      CsStore *store = cs_store_open (location, &error);
      g_autoptr(CsManifest) back = NULL;
      double t0, c0, s0, t, c;

      if (store == NULL)
        die ("open", error);
      s0 = postgresql ? server_cpu_s () : -1;
      t0 = now_s ();
      c0 = cpu_now_s ();
      if (!cs_store_save (store, m, NULL, &error))
        die ("save", error);
      t = now_s () - t0;
      c = cpu_now_s () - c0;
      if (t < best->save_s)
        {
          best->save_s = t;
          best->save_cpu_s = c;
          best->save_server_s = s0 >= 0 ? server_cpu_s () - s0 : -1;
        }
      g_object_unref (store);

      /* a new connection, as another clerk opening the draft */
      store = cs_store_open (location, &error);
      if (store == NULL)
        die ("open", error);
      s0 = postgresql ? server_cpu_s () : -1;
      t0 = now_s ();
      c0 = cpu_now_s ();
      back = cs_store_load (store, m->id, &error);
      t = now_s () - t0;
      c = cpu_now_s () - c0;
      if (back == NULL)
        die ("load", error);
      if (CS_MANIFEST_N_ITEMS (back) != CS_MANIFEST_N_ITEMS (m))
        die ("load: wrong item count", NULL);
      if (t < best->load_s)
        {
          best->load_s = t;
          best->load_cpu_s = c;
          best->load_server_s = s0 >= 0 ? server_cpu_s () - s0 : -1;
        }
      g_object_unref (store);
      drop_location (location);
    }
}

static void
part_save_load (guint *sizes,
                guint  n_sizes)
{
  printf ("save and load of one draft (best of R runs; cpu = this process, the client)\n");
  printf ("%8s %2s | %21s | %21s | %19s | %19s | %7s %7s\n", "items", "R",
          "SQLite save ms (cpu)", "PostgreSQL save (cpu)", "SQLite load (cpu)",
          "PostgreSQL load (cpu)", "save PG/", "load PG/");
  printf ("%8s %2s | %21s | %21s | %19s | %19s | %7s %7s\n", "", "", "", "", "", "", "SQLite",
          "SQLite");
  for (guint i = 0; i < n_sizes; i++)
    {
      g_autoptr(CsManifest) m = cs_bench_generate (sizes[i], 1);
      guint runs = sizes[i] <= 10000 ? 3 : 2;
      SaveLoad lite = { 0 }, pg = { 0 };

      save_load (m, FALSE, runs, &lite);
      save_load (m, TRUE, runs, &pg);
      printf ("%8u %2u | %10.0f (%8.0f) | %10.0f (%8.0f) | %9.0f (%7.0f) | %9.0f (%7.0f) | %6.2fx %6.2fx\n",
              sizes[i], runs, lite.save_s * 1e3, lite.save_cpu_s * 1e3, pg.save_s * 1e3,
              pg.save_cpu_s * 1e3, lite.load_s * 1e3, lite.load_cpu_s * 1e3, pg.load_s * 1e3,
              pg.load_cpu_s * 1e3, pg.save_s / lite.save_s, pg.load_s / lite.load_s);
      if (pg.save_server_s >= 0 && pg.load_server_s >= 0)
        printf ("%8s    | PostgreSQL server cpu (its processes, the best runs): save %.0f ms, load %.0f ms\n", "",
                pg.save_server_s * 1e3, pg.load_server_s * 1e3);
      fflush (stdout);
    }
}

/* ---- part 2: 100 drafts changed elsewhere reach the sidebar ------------------------------------ */

typedef enum
{
  CHANGE_SAVE,       /* each draft saved again (a new revision): cs_store_save() */
  CHANGE_STATUS,     /* each draft's status set: cs_store_set_status_value() */
} ChangeKind;

typedef struct
{
  const char  *location;
  GPtrArray   *drafts;        /* CsManifest, saved once */
  ChangeKind   kind;
  gint64       want_revision; /* CHANGE_SAVE: what the saves bring the drafts to */
  CsStatus     want_status;   /* CHANGE_STATUS: the status set */
  /* written by the writer thread, read after it is joined */
  gint64       first_commit;  /* monotonic µs after the first change returned (committed) */
  gint64       last_commit;
  GError      *error;
  gint         done;
} Round;

static gpointer
writer_thread (gpointer data)
{
  Round *round = data;
  CsStore *store = cs_store_open (round->location, &round->error);

  if (store != NULL)
    {
      for (guint i = 0; i < round->drafts->len; i++)
        {
          CsManifest *m = round->drafts->pdata[i];
          gboolean ok;

          if (round->kind == CHANGE_SAVE)
            {
              g_autofree char *notes = g_strdup_printf ("revision %" G_GINT64_FORMAT, round->want_revision);

              cs_record_set_string (CS_RECORD (m), "notes", notes);
              ok = cs_store_save (store, m, NULL, &round->error);
            }
          else
            ok = cs_store_set_status_value (store, m->id, round->want_status, &round->error);
          if (!ok)
            break;
          if (i == 0)
            round->first_commit = g_get_monotonic_time ();
          round->last_commit = g_get_monotonic_time ();
        }
      g_object_unref (store);
    }
  g_atomic_int_set (&round->done, TRUE);
  return NULL;
}

typedef struct
{
  GHashTable *ids;
  Round      *round;         /* NULL between rounds */
  gint64      arrived;       /* monotonic µs, 0 until then */
} Arrival;

/* TRUE when the sidebar lists every draft with the round's change. */
static gboolean
all_arrived (GListModel *model,
             Arrival    *arrival)
{
  guint n = g_list_model_get_n_items (model), found = 0;
  const char *status = cs_enum_to_string (CS_TYPE_STATUS, arrival->round->want_status);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsStoreSummary) s = g_list_model_get_item (model, i);

      if (!g_hash_table_contains (arrival->ids, s->id))
        continue;
      if (arrival->round->kind == CHANGE_SAVE ? s->revision >= arrival->round->want_revision
                                              : g_strcmp0 (s->status, status) == 0)
        found++;
    }
  return found == g_hash_table_size (arrival->ids);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Arrival    *arrival)
{
  if (arrival->round != NULL && arrival->arrived == 0 && all_arrived (model, arrival))
    arrival->arrived = g_get_monotonic_time ();
}

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins until @cond or 60 s; (ok) FALSE on time-out. */
#define SPIN_UNTIL(cond, ok) \
  G_STMT_START { \
    gboolean timed_out_ = FALSE; \
    guint guard_ = g_timeout_add_seconds (60, timed_out_cb, &timed_out_); \
    while (!(cond) && !timed_out_) \
      g_main_context_iteration (NULL, TRUE); \
    if (!timed_out_) \
      g_source_remove (guard_); \
    (ok) = (cond); \
  } G_STMT_END

static void
spin_s (double seconds)
{
  double end = now_s () + seconds;

  while (now_s () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

typedef struct
{
  gboolean arrived;          /* FALSE: not within 60 s */
  double   first_best, first_worst;   /* from the first change's commit to all listed (s) */
  double   last_best, last_worst;     /* from the last change's commit to all listed */
  double   write_best;                /* the other client's 100 changes took */
} Latency;

static void
latency_add (Latency *l,
             Round   *round,
             gint64   arrived)
{
  double first = (arrived - round->first_commit) / 1e6;
  double last = (arrived - round->last_commit) / 1e6;

  l->first_best = MIN (l->first_best, first);
  l->first_worst = MAX (l->first_worst, first);
  l->last_best = MIN (l->last_best, last);
  l->last_worst = MAX (l->last_worst, last);
  l->write_best = MIN (l->write_best, (round->last_commit - round->first_commit) / 1e6);
}

static void
part_sidebar (gboolean  postgresql,
              Latency  *out)     /* [2]: CHANGE_SAVE, CHANGE_STATUS */
{
  g_autofree char *location = new_location (postgresql);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsContext) context = NULL;
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  CsStore *store = cs_store_open (location, &error);
  Arrival arrival = { ids, NULL, 0 };
  GtkWidget *window, *sidebar;
  gboolean ok;

  if (store == NULL)
    die ("open", error);
  for (guint i = 0; i < N_DRAFTS; i++)
    {
      CsManifest *m = cs_bench_generate (20, 1000 + i);

      if (!cs_store_save (store, m, NULL, &error))
        die ("save", error);
      g_ptr_array_add (drafts, m);
      g_hash_table_add (ids, m->id);
    }
  g_object_unref (store);

  context = cs_context_new (location, &error);
  if (context == NULL)
    die ("context", error);
  sidebar = cs_sidebar_new (context);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 800);
  gtk_window_set_child (GTK_WINDOW (window), sidebar);
  gtk_window_present (GTK_WINDOW (window));
  cs_sidebar_reload (CS_SIDEBAR (sidebar));
  SPIN_UNTIL (cs_sidebar_is_loaded (CS_SIDEBAR (sidebar)) &&
              g_list_model_get_n_items (cs_sidebar_get_model (CS_SIDEBAR (sidebar))) == N_DRAFTS &&
              cs_store_watch_get_connected (cs_sidebar_get_watch (CS_SIDEBAR (sidebar))), ok);
  if (!ok)
    die ("the sidebar did not list the drafts", NULL);
  g_signal_connect (cs_sidebar_get_model (CS_SIDEBAR (sidebar)), "items-changed",
                    G_CALLBACK (on_items_changed_cb), &arrival);

  for (int k = CHANGE_SAVE; k <= CHANGE_STATUS; k++)
    {
      Latency *l = &out[k];

      l->arrived = TRUE;
      l->first_best = l->last_best = l->write_best = G_MAXDOUBLE;
      l->first_worst = l->last_worst = 0;
      for (guint r = 0; r < N_ROUNDS && l->arrived; r++)
        {
          Round round = { location, drafts, k, 2 + r, r % 2 == 0 ? CS_STATUS_READY : CS_STATUS_DRAFT,
                          0, 0, NULL, FALSE };
          GThread *thread;

          /* let the sidebar settle after the last round (a SQLite watch reads once a second) */
          spin_s (1.5);
          arrival.round = &round;
          arrival.arrived = 0;
          thread = g_thread_new ("other-client", writer_thread, &round);
          SPIN_UNTIL (arrival.arrived != 0 && g_atomic_int_get (&round.done), ok);
          g_thread_join (thread);
          arrival.round = NULL;
          if (round.error != NULL)
            die ("the other client's change", round.error);
          if (!ok)
            l->arrived = FALSE;
          else
            latency_add (l, &round, arrival.arrived);
        }
    }
  g_signal_handlers_disconnect_by_func (cs_sidebar_get_model (CS_SIDEBAR (sidebar)),
                                        on_items_changed_cb, &arrival);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&context);
  drop_location (location);
}

static void
print_latency (const char *engine,
               const char *change,
               Latency    *l)
{
  if (!l->arrived)
    printf ("%-10s %-14s | never all listed within 60 s\n", engine, change);
  else
    printf ("%-10s %-14s | %6.0f %6.0f | %6.0f %6.0f | %6.0f\n", engine, change, l->first_best * 1e3,
            l->first_worst * 1e3, l->last_best * 1e3, l->last_worst * 1e3, l->write_best * 1e3);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  Latency pg[2], lite[2];
  gboolean met, sidebar_only = FALSE, save_load_only = FALSE;

  setlocale (LC_ALL, "");
  admin_location = g_getenv ("CONSIGN_TEST_DB");
  if (!cs_db_location_is_postgresql (admin_location))
    {
      g_printerr ("bench-live: CONSIGN_TEST_DB names no PostgreSQL server; run it under"
                  " tests/pg-cluster.sh (tests/bench/run-bench does)\n");
      return 2;
    }
  for (int i = 1; i < argc; i++)
    {
      guint n;

      if (strcmp (argv[i], "--sidebar-only") == 0)
        {
          sidebar_only = TRUE;
          continue;
        }
      if (strcmp (argv[i], "--save-load-only") == 0)
        {
          save_load_only = TRUE;
          continue;
        }
      n = (guint) g_ascii_strtoull (argv[i], NULL, 10);
      g_array_append_val (sizes, n);
    }
  if (sizes->len == 0)
    {
      guint defaults[] = { 10000, 100000 };

      g_array_append_vals (sizes, defaults, G_N_ELEMENTS (defaults));
    }
  scratch = g_dir_make_tmp ("bench-live-XXXXXX", &error);
  if (scratch == NULL)
    die ("scratch folder", error);

  printf ("bench-live: the draft store on PostgreSQL (local throwaway cluster, Unix socket, fsync off)"
          " and on SQLite (WAL, synchronous=NORMAL)\n\n");
  if (!sidebar_only)
    part_save_load ((guint *) sizes->data, sizes->len);
  if (save_load_only)
    {
      g_rmdir (scratch);
      g_free (scratch);
      return 0;
    }

  if (!gtk_init_check ())
    {
      g_printerr ("bench-live: no display for the sidebar part (run it under xvfb-run)\n");
      return 2;
    }
  adw_init ();
  g_resources_register (consign_get_resource ());
  part_sidebar (TRUE, pg);
  part_sidebar (FALSE, lite);

  printf ("\n%u drafts (20 items each) changed by another client (its own connection, in a thread) reach a"
          " real CsSidebar (Xvfb):\nms from the first / the last change's commit to all %u listed with"
          " the change, best and worst of %u rounds; and how long the other client took for its %u"
          " changes (one transaction each)\n", N_DRAFTS, N_DRAFTS, N_ROUNDS, N_DRAFTS);
  printf ("%-10s %-14s | %13s | %13s | %6s\n", "engine", "change", "from first", "from last",
          "writer");
  printf ("%-10s %-14s | %6s %6s | %6s %6s | %6s\n", "", "", "best", "worst", "best", "worst", "best");
  print_latency ("PostgreSQL", "saved again", &pg[CHANGE_SAVE]);
  print_latency ("PostgreSQL", "status set", &pg[CHANGE_STATUS]);
  print_latency ("SQLite", "saved again", &lite[CHANGE_SAVE]);
  print_latency ("SQLite", "status set", &lite[CHANGE_STATUS]);
  printf ("(SQLite has no notifications: the watch reads PRAGMA data_version once a second)\n");
  met = pg[CHANGE_SAVE].arrived && pg[CHANGE_STATUS].arrived &&
        pg[CHANGE_SAVE].first_worst <= TARGET_S && pg[CHANGE_STATUS].first_worst <= TARGET_S;
  printf ("target: on PostgreSQL all 100 listed <= %.0f ms after the first commit, both changes: %s\n",
          TARGET_S * 1e3, met ? "met" : "MISSED");
  if (!met && pg[CHANGE_SAVE].arrived && pg[CHANGE_SAVE].write_best > TARGET_S)
    printf ("        (the other client's own 100 saves took longer than that: %.0f ms)\n",
            pg[CHANGE_SAVE].write_best * 1e3);

  g_rmdir (scratch);
  g_free (scratch);
  return met ? 0 : 1;
}
