/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-store-watch.h: tells the main context which drafts other clients changed (no GTK)
 *
 * A CsStoreWatch follows one draft store from a worker thread of its own and reports, in the
 * main context that was the thread default when it was made:
 * - "drafts-changed" (GStrv @ids): the drafts with these ids were saved, changed or deleted.
 *   Notifications that arrive within a short window (cs_store_watch_set_coalesce_ms(), 50 ms
 *   unless set) become one emission. @ids NULL means "reload everything": the watch cannot say
 *   which drafts changed (SQLite; or a PostgreSQL connection that came back after a break, in
 *   which notifications were lost).
 * - "directory-changed" (const char *@what): "parties" or "products" changed; NULL: either may
 *   have (after a reconnect, or on SQLite).
 *
 * On PostgreSQL the watch has its own libpq connection, LISTENs to the channels consign_drafts
 * (payload: the manifest id) and consign_directory (payload: parties or products) and waits on
 * the connection's socket. When the server goes away it connects again, waiting longer each time
 * (a quarter second doubling up to 30 s), and reports "reload everything" once it is back.
 * On SQLite there is no server to notify, but another window or process may write the same
 * file: the watch reads PRAGMA data_version (a few microseconds) every second
 * (cs_store_watch_set_poll_ms()) and, when it moved, reads each draft's revision and counts and
 * a hash of the directory's entries, and reports the drafts that changed
 * (or "reload everything" for a store of an older schema).
 *
 * Saves made through this process's own connections are reported too (they are changes like
 * any other), except on SQLite a save noted with cs_store_watch_note_own_save(): a draft found
 * at exactly the revision our own save wrote is not reported, so that our autosave does not
 * wake every list once a second while typing. The first connection reports nothing: read the
 * store after making the watch, or when "connected" first turns TRUE.
 *
 * Messages never show a password (cs_db_pg_redact_location()). Stop the watch with
 * cs_store_watch_stop() or by dropping the last reference; either returns at once (the thread,
 * told to stop, ends by itself) and nothing is emitted afterwards.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CS_TYPE_STORE_WATCH (cs_store_watch_get_type ())
G_DECLARE_FINAL_TYPE (CsStoreWatch, cs_store_watch, CS, STORE_WATCH, GObject)

/* Starts watching @location (a SQLite path or a postgresql:// URI). Never fails: a store that
 * cannot be reached yet is tried again, and "connected" stays FALSE meanwhile. */
CsStoreWatch *cs_store_watch_new            (const char   *location);
/* The location without its password. */
const char   *cs_store_watch_get_location   (CsStoreWatch *self);
/* TRUE while the watch is connected to the store (property "connected"). */
gboolean      cs_store_watch_get_connected  (CsStoreWatch *self);
/* Why the last attempt to reach the store failed (the engine's message, no password), or NULL. */
const char   *cs_store_watch_get_last_error (CsStoreWatch *self);
/* How long notifications are gathered into one emission; 50 ms unless set. */
void          cs_store_watch_set_coalesce_ms (CsStoreWatch *self,
                                              guint         ms);
/* SQLite only: how often the file's data_version is read; 1000 ms unless set. */
void          cs_store_watch_set_poll_ms    (CsStoreWatch *self,
                                             guint         ms);
/* Our own save wrote draft @id at @revision (SQLite: not reported when seen at that revision;
 * a later revision drops the note). Any thread. */
void          cs_store_watch_note_own_save  (CsStoreWatch *self,
                                             const char   *id,
                                             gint64        revision);
/* Stops the thread (joins it) and drops what was not reported yet. Idempotent. */
void          cs_store_watch_stop           (CsStoreWatch *self);

G_END_DECLS
