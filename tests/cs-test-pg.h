/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-test-pg.h: the throwaway PostgreSQL cluster of tests/pg-cluster.sh, for the core test
 * programs that run on both engines (header-only).
 *
 * Under pg-cluster.sh, CONSIGN_TEST_DB is a postgresql:// URI of the cluster's "postgres"
 * database with a superuser: a test makes a database of its own beside it, and drops it after.
 * CONSIGN_TEST_PG_CTL stops and starts the server. Independent looks at a store (a connection of
 * the test's own, not the store's) go through cs-db.h, so that the same query runs on a SQLite
 * file or a server. Every helper asserts what it needs. */

#pragma once

#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "cs-db.h"

G_BEGIN_DECLS

/* The admin location (CONSIGN_TEST_DB) when the tests run on PostgreSQL, else NULL. */
static inline const char *
cs_test_pg_admin_location (void)
{
  const char *location = g_getenv ("CONSIGN_TEST_DB");

  return cs_db_location_is_postgresql (location) ? location : NULL;
}

/* Runs constant SQL on @location (a file or a server), through a connection of its own. */
static inline void
cs_test_sql_exec (const char *location,
                  const char *sql)
{
  g_autoptr(GError) error = NULL;
  CsDb *db = cs_db_open (location, 0, &error);

  g_assert_no_error (error);
  if (cs_db_exec (db, sql) != CS_DB_OK)
    g_error ("%s: %s: %s", location, sql, cs_db_errmsg (db));
  cs_db_close (db);
}

/* The first column of the first row of @sql as an integer (G_MININT64 when no row). */
static inline gint64
cs_test_sql_int (const char *location,
                 const char *sql)
{
  g_autoptr(GError) error = NULL;
  CsDb *db = cs_db_open (location, CS_DB_OPEN_READ_ONLY, &error);
  CsDbStmt *stmt = NULL;
  gint64 v = G_MININT64;
  CsDbRc rc;

  g_assert_no_error (error);
  if (cs_db_prepare (db, sql, FALSE, &stmt) != CS_DB_OK)
    g_error ("%s: %s: %s", location, sql, cs_db_errmsg (db));
  rc = cs_db_step (stmt);
  if (rc == CS_DB_ROW)
    v = cs_db_column_int64 (stmt, 0);
  else if (rc != CS_DB_DONE)
    g_error ("%s: %s: %s", location, sql, cs_db_errmsg (db));
  cs_db_stmt_free (stmt);
  cs_db_close (db);
  return v;
}

/* Every row of @sql, its columns joined by "|", one line per row (NULL as "(null)"). */
static inline char *
cs_test_sql_rows (const char *location,
                  const char *sql)
{
  g_autoptr(GError) error = NULL;
  CsDb *db = cs_db_open (location, CS_DB_OPEN_READ_ONLY, &error);
  CsDbStmt *stmt = NULL;
  GString *s = g_string_new (NULL);
  CsDbRc rc;

  g_assert_no_error (error);
  if (cs_db_prepare (db, sql, FALSE, &stmt) != CS_DB_OK)
    g_error ("%s: %s: %s", location, sql, cs_db_errmsg (db));
  while ((rc = cs_db_step (stmt)) == CS_DB_ROW)
    {
      for (int c = 0; c < cs_db_column_count (stmt); c++)
        {
          const char *text = cs_db_column_text (stmt, c);
          g_string_append_printf (s, "%s%s", c > 0 ? "|" : "", text ? text : "(null)");
        }
      g_string_append_c (s, '\n');
    }
  if (rc != CS_DB_DONE)
    g_error ("%s: %s: %s", location, sql, cs_db_errmsg (db));
  cs_db_stmt_free (stmt);
  cs_db_close (db);
  return g_string_free (s, FALSE);
}

/* Runs constant SQL on the cluster's admin database. */
static inline void
cs_test_pg_admin (const char *sql)
{
  const char *admin = cs_test_pg_admin_location ();

  g_assert_nonnull (admin);
  cs_test_sql_exec (admin, sql);
}

/* The admin location with the database @name instead (free with g_free()). */
static inline char *
cs_test_pg_location (const char *name)
{
  const char *admin = cs_test_pg_admin_location ();
  const char *path, *query;

  g_assert_nonnull (admin);
  path = strchr (strstr (admin, "://") + 3, '/');
  g_assert_nonnull (path);
  query = strchr (path, '?');
  return g_strdup_printf ("%.*s/%s%s", (int) (path - admin), admin, name, query ? query : "");
}

/* @location (one of cs_test_pg_location()'s) with the parameter @key=@value added. */
static inline char *
cs_test_pg_location_with (const char *location,
                          const char *key,
                          const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  return g_strdup_printf ("%s%s%s=%s", location, strchr (location, '?') ? "&" : "?", key, escaped);
}

/* @location as the login role @user instead of the cluster's superuser. */
static inline char *
cs_test_pg_location_as (const char *location,
                        const char *user)
{
  g_autofree char *mine = g_strdup_printf ("user=%s", user);
  g_auto(GStrv) parts = g_strsplit (location, "user=consign", 2);

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  return g_strconcat (parts[0], mine, parts[1], NULL);
}

/* A new empty database named after @what and this process (free with g_free(); drop it with
 * cs_test_pg_drop_database()). */
static inline char *
cs_test_pg_create_database (const char *what)
{
  static guint n;
  char *name = g_strdup_printf ("consign_test_%s_%d_%u", what, (int) getpid (), ++n);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s", name);

  cs_test_pg_admin (sql);
  return name;
}

/* Drops the database @name, ending the sessions still connected to it. */
static inline void
cs_test_pg_drop_database (const char *name)
{
  g_autofree char *sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", name);

  cs_test_pg_admin (sql);
}

static inline gboolean
cs_test_pg_guard_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Waits until @sql (on the admin database) gives @expected; a guard of 60 s ends a hang as a
 * failure (it is no speed check: the server answers as soon as it can). */
static inline void
cs_test_pg_wait_for (const char *sql,
                     gint64      expected)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  gint64 got;

  while ((got = cs_test_sql_int (cs_test_pg_admin_location (), sql)) != expected)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("waited 60 s for %s to give %" G_GINT64_FORMAT " (it gives %" G_GINT64_FORMAT ")",
                 sql, expected, got);
      g_usleep (10 * 1000);
    }
}

/* Waits until no client session but the admin connection's own is connected to the database
 * @name (the server's own workers, such as autovacuum, do not count): the server has finished
 * with a client that was killed or cut off (its transaction is over). */
static inline void
cs_test_pg_wait_no_sessions (const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM pg_stat_activity WHERE datname = '%s'"
                                          " AND backend_type = 'client backend'"
                                          " AND pid <> pg_backend_pid ()", name);

  cs_test_pg_wait_for (sql, 0);
}

/* Waits until a client session connected to the database @name waits for a lock (heavyweight or
 * advisory), and returns its server process id (one such session is expected). */
static inline int
cs_test_pg_wait_lock_waiter (const char *name)
{
  g_autofree char *count = g_strdup_printf ("SELECT count(*) FROM pg_stat_activity WHERE datname = '%s'"
                                            " AND backend_type = 'client backend'"
                                            " AND wait_event_type = 'Lock'", name);
  g_autofree char *pid = g_strdup_printf ("SELECT pid FROM pg_stat_activity WHERE datname = '%s'"
                                          " AND backend_type = 'client backend'"
                                          " AND wait_event_type = 'Lock'", name);

  cs_test_pg_wait_for (count, 1);
  return (int) cs_test_sql_int (cs_test_pg_admin_location (), pid);
}

/* Ends the server session @pid (pg_terminate_backend: what an administrator or a dropped network
 * does to a client), and waits until it is gone. */
static inline void
cs_test_pg_terminate (int pid)
{
  g_autofree char *kill = g_strdup_printf ("SELECT pg_terminate_backend (%d)", pid);
  g_autofree char *alive = g_strdup_printf ("SELECT count(*) FROM pg_stat_activity WHERE pid = %d", pid);

  cs_test_pg_admin (kill);
  cs_test_pg_wait_for (alive, 0);
}

/* Stops ("stop", a fast shutdown) or starts ("start") the cluster's server; see pg-cluster.sh. */
static inline void
cs_test_pg_ctl (const char *command)
{
  const char *ctl = g_getenv ("CONSIGN_TEST_PG_CTL");
  const char *argv[] = { "/bin/sh", ctl, command, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_nonnull (ctl);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s %s: %s\n%s%s", ctl, command, error->message, out, err);
}

G_END_DECLS
