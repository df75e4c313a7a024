/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-store.h: the draft store, a SQLite database of manifests (or a PostgreSQL one, see
 * cs_store_open())
 *
 * One CsStore is one database connection. Use a CsStore from ONE thread at a time; open one
 * store per thread instead of sharing (cs_store_open() is cheap and safe to call from any
 * thread; WAL and a busy timeout let several connections to the same file work together).
 * The GUI saves from a worker thread: hand the worker a snapshot (cs_record_copy()) of the live
 * manifest, never the live object itself.
 *
 * Every save is one transaction: a crash (or SIGKILL) leaves the previous or the new version of
 * a draft, never a mix. Drafts are keyed by the manifest id (UUID); references are unique among
 * drafts (NULL references are allowed for fresh drafts). Functions taking @id_or_reference
 * accept either.
 *
 * Errors are in CS_STORE_ERROR and name the database path or the draft concerned.
 */
#pragma once

#include "cs-model.h"

G_BEGIN_DECLS

#define CS_STORE_ERROR (cs_store_error_quark ())

typedef enum
{
  CS_STORE_ERROR_OPEN,         /* folder or file cannot be created/opened, or is read-only */
  CS_STORE_ERROR_NOT_DATABASE, /* the file is not a SQLite database (or is damaged), or the
                                * database (SQLite or PostgreSQL) holds another program's tables */
  CS_STORE_ERROR_TOO_NEW,      /* written by a newer Consign; left untouched */
  CS_STORE_ERROR_SQL,          /* any other SQLite failure (message carries sqlite3_errmsg) */
  CS_STORE_ERROR_NOT_FOUND,    /* no draft (or template) with that id / reference / name */
  CS_STORE_ERROR_DUPLICATE,    /* the reference (or template name) is already used by another draft */
  CS_STORE_ERROR_INVALID,      /* bad argument from the caller, e.g. an unknown status */
  CS_STORE_ERROR_ID_TAKEN,     /* the manifest's id belongs to a draft with another reference */
  CS_STORE_ERROR_DAMAGED,      /* a SQLite database whose pages fail quick_check/integrity_check */
  /* cs_store_save_if_revision(): the draft was saved (or deleted) by someone else since the
   * revision the caller opened; nothing was written. cs_store_get_summary() tells who and when. */
  CS_STORE_ERROR_CONFLICT,
  /* the store cannot be reached: the PostgreSQL server does not answer (at open) or the
   * connection was lost (afterwards), or an open SQLite store's file went away (its disk or
   * network share). Nothing of the failed call was written. The CsStore stays unusable: keep the
   * edits and open a new one when the server answers again. A bad path, a missing database or a
   * refused login at open time stays CS_STORE_ERROR_OPEN. */
  CS_STORE_ERROR_UNREACHABLE,
  /* the database role may not do this (PostgreSQL: SQLSTATE 42501), e.g. a clerk deleting a
   * draft or changing the directory; the message names the role (see README: roles) */
  CS_STORE_ERROR_DENIED,
} CsStoreError;

GQuark cs_store_error_quark (void);

/* The schema version this build writes (PRAGMA user_version). */
#define CS_STORE_SCHEMA_VERSION 11

#define CS_TYPE_STORE          (cs_store_get_type ())
#define CS_TYPE_STORE_SUMMARY  (cs_store_summary_get_type ())
#define CS_TYPE_STORE_EXPORT   (cs_store_export_get_type ())
#define CS_TYPE_STORE_CHANGE   (cs_store_change_get_type ())
#define CS_TYPE_STORE_DIRECTORY_CHANGE (cs_store_directory_change_get_type ())

G_DECLARE_FINAL_TYPE (CsStore, cs_store, CS, STORE, GObject)

/* A light row for the drafts list (no manifest is loaded). A GObject so that it can go into a
 * GListStore and be bound with GtkExpression lookups: the properties carry the same names as the
 * fields, with '-' for '_'. Read the public fields directly; they never change after creation. */
G_DECLARE_FINAL_TYPE (CsStoreSummary, cs_store_summary, CS, STORE_SUMMARY, GObject)

struct _CsStoreSummary
{
  GObject     parent_instance;
  char       *id;
  char       *reference;      /* may be NULL for a fresh draft */
  const char *status;         /* interned: draft ready exported archived */
  char       *consignee;      /* consignee name (or NULL) */
  char       *corridor;       /* catalog id (or NULL) */
  gint64      updated;        /* Unix time (UTC seconds) of the last save */
  gint64      revision;       /* bumped by every save, starts at 1 */
  /* who saved that revision: on PostgreSQL the database role (current_user, set by the server),
   * on SQLite the name of the person running Consign (cs_store_get_user()); NULL = unknown
   * (drafts saved before schema 8) */
  char       *updated_by;
  guint       n_items;
  int         n_errors;       /* as stored by cs_store_set_counts(); -1 = never validated */
  int         n_warnings;
};

/* One row of the `exports` audit table. */
G_DECLARE_FINAL_TYPE (CsStoreExport, cs_store_export, CS, STORE_EXPORT, GObject)

struct _CsStoreExport
{
  GObject     parent_instance;
  gint64      id;             /* row id, increasing */
  char       *manifest_id;
  char       *format;         /* "xlsx", "edifact", ... */
  char       *path;
  char       *sha256;         /* hex digest of the file written */
  gint64      time;           /* Unix time (UTC seconds) */
  gint64      revision;       /* the manifest revision that was exported */
  int         n_errors;       /* errors the validator found in it; -1 = not recorded */
  gboolean    errors_confirmed; /* someone chose to export in spite of them */
  char       *exported_by;    /* who recorded it, as CsStoreSummary.updated_by; NULL = unknown */
};

/* One change of a draft, a row of the `draft_changes` trail (schema 10). The database writes
 * these rows itself, by triggers, for every insert, new revision, status change and delete of a
 * draft, whoever makes it: no client can leave one out or choose its author. */
G_DECLARE_FINAL_TYPE (CsStoreChange, cs_store_change, CS, STORE_CHANGE, GObject)

struct _CsStoreChange
{
  GObject     parent_instance;
  gint64      id;             /* row id, increasing in the order of the changes */
  char       *manifest_id;
  char       *reference;      /* the draft's reference at that change (NULL: none yet) */
  /* "created", "restored" (inserted again after it was deleted), "saved" (a new revision),
   * "status" (the status alone changed) or "deleted" */
  char       *kind;
  gint64      revision;       /* after the change (deleted: the last one); 0 = unknown */
  char       *old_status;     /* before: saved, status, deleted; NULL otherwise */
  char       *new_status;     /* after: created, restored, saved, status; NULL otherwise */
  /* who: on PostgreSQL the database role (set by the server), on SQLite the name of the person
   * running Consign (cs_store_get_user()); NULL = unknown (a draft last saved before schema 8) */
  char       *changed_by;
  gint64      changed_at;     /* Unix time (UTC seconds), from the database's clock */
  /* TRUE for the row an upgrade to schema 10 wrote for each draft it found: the draft's last
   * save as the store knew it (updated_by, updated); the changes before it were never recorded */
  gboolean    reconstructed;
};

/* One change of the directory of parties and products, a row of the `directory_changes` trail
 * (schema 11), written by the database's triggers like CsStoreChange's rows. */
G_DECLARE_FINAL_TYPE (CsStoreDirectoryChange, cs_store_directory_change, CS, STORE_DIRECTORY_CHANGE, GObject)

struct _CsStoreDirectoryChange
{
  GObject     parent_instance;
  gint64      id;             /* row id, increasing in the order of the changes */
  const char *what;           /* interned: "party" or "product" */
  gint64      entry_id;       /* the party's or product's id in the directory */
  char       *name;           /* the party's name or the product's code at that change (NULL: none) */
  const char *action;         /* interned: "added", "changed" or "deleted" */
  char       *changed_by;     /* who, as CsStoreChange.changed_by */
  gint64      changed_at_usec; /* microseconds since 1970 UTC, from the database's clock */
};

/* ---- opening ---------------------------------------------------------------------------- */

/* $XDG_DATA_HOME/consign/consign.sqlite (g_get_user_data_dir()). Free with g_free. */
char           *cs_store_default_path      (void);

/* Opens (creating the folder, the file and the schema when needed) and migrates an older
 * schema in one transaction. A database of a newer schema is refused (CS_STORE_ERROR_TOO_NEW)
 * and not written to.
 *
 * A @path that is a postgresql:// or postgres:// URI opens that PostgreSQL database through
 * libpq instead (the database must exist; its schema is made and migrated the same way, the
 * version kept in the meta table). cs_store_get_path() and every message then show the URI
 * without its password; keep passwords in libpq's password file rather than in the URI.
 * cs_store_check() finds nothing to check on a server, and cs_store_salvage() is SQLite's
 * only.
 *
 * Notifications (PostgreSQL only, schema 8): the database itself (triggers, whoever writes)
 * sends, at the commit of each change,
 * - on channel "consign_drafts" the id of each draft inserted, saved, changed (status, counts)
 *   or deleted, as the payload (LISTEN consign_drafts; then cs_store_get_summary() with the id
 *   tells what it is now, CS_STORE_ERROR_NOT_FOUND when it was deleted);
 * - on channel "consign_directory" the payload "parties" or "products" once per statement that
 *   changed the party directory or the product catalogue (cs-directory.h).
 * A listener opens a connection of its own to the location given to cs_store_open() (not
 * cs_store_get_path(), which has no password) and keeps it idle between LISTEN and reads. */
CsStore        *cs_store_open              (const char   *path,
                                            GError      **error);
/* Opens an existing store without ever writing to it (no folder, file, schema or migration is
 * created; SQLite's read-only mode, which holds even for root). Saving into it fails with
 * CS_STORE_ERROR_OPEN. For looking at a store that must not change: checks, salvage. A store of
 * an older schema opens too (it is not upgraded), for cs_store_check() only. */
CsStore        *cs_store_open_read_only    (const char   *path,
                                            GError      **error);
const char     *cs_store_get_path          (CsStore      *self);
/* Who this connection records as the author of saves and exports: on PostgreSQL the session's
 * role (current_user; the server writes it, a client cannot choose it), on SQLite
 * g_get_real_name(), or g_get_user_name() when the real name is unknown. Never NULL. */
const char     *cs_store_get_user          (CsStore      *self);
/* How long a statement waits for another connection's lock before failing with a clear error
 * (CS_STORE_ERROR_OPEN, "in use by another program"); 10 s unless set. */
void            cs_store_set_busy_timeout  (CsStore      *self,
                                            guint         milliseconds);

/* Checks the database pages: @full FALSE runs PRAGMA quick_check (every page and row read, fast),
 * TRUE runs PRAGMA integrity_check (indexes too). A damaged store fails with
 * CS_STORE_ERROR_DAMAGED; @problems_out (may be NULL) gets SQLite's findings (at most 100) either
 * way, empty when the store is sound. */
gboolean        cs_store_check             (CsStore      *self,
                                            gboolean      full,
                                            GStrv        *problems_out,
                                            GError      **error);

/* TRUE for a location cs_store_open() gives to PostgreSQL (postgresql:// or postgres://). */
gboolean        cs_store_location_is_postgresql (const char *location);
/* TRUE when @self is on a PostgreSQL server (cs_store_check() has no pages to look at there). */
gboolean        cs_store_is_postgresql     (CsStore      *self);

/* What can be checked from a client on any engine: every draft reads back whole (all its rows,
 * as many items as its header records; cs_store_load()). @n_drafts_out gets the number of drafts
 * read; @problems_out (may be NULL) one line per draft that does not ("REFERENCE: why"), empty
 * when all do. Fails (CS_STORE_ERROR_DAMAGED) when a draft does not read back; other errors
 * (the list itself cannot be read, the server went away) as they are. */
gboolean        cs_store_check_drafts      (CsStore      *self,
                                            guint        *n_drafts_out,
                                            GStrv        *problems_out,
                                            GError      **error);

/* Copies every draft of @self that reads back completely (and the templates, the exports audit
 * and the EDIFACT counter, as far as they read) into a NEW store at @new_path, which must not
 * exist. @saved_out gets the references (or ids) of the drafts copied, @lost_out one line per
 * draft that could not be read ("REFERENCE: why"). Fails only when the new store cannot be
 * written (it is then removed). */
gboolean        cs_store_salvage           (CsStore      *self,
                                            const char   *new_path,
                                            GPtrArray   **saved_out,
                                            GPtrArray   **lost_out,
                                            GError      **error);

/* Drafts (reference, or id) in which text read through @self was not valid UTF-8 and was shown
 * with U+FFFD instead, each once; "" stands for text outside any draft. Never NULL. */
GStrv           cs_store_get_text_warnings (CsStore      *self);

/* ---- drafts ------------------------------------------------------------------------------ */

/* Inserts or replaces the draft with @manifest's id in one transaction, and bumps its revision.
 * A manifest without an id is given a new UUID (set with the raw setter: nobody is notified).
 * Fails with CS_STORE_ERROR_DUPLICATE when another draft has the same reference. */
gboolean        cs_store_save              (CsStore      *self,
                                            CsManifest   *manifest,
                                            gint64       *revision_out,
                                            GError      **error);
/* cs_store_save(), but only when the draft's stored revision is still @expected_revision (the
 * revision the caller loaded or last saved; 0 = the draft must not exist yet). Checked inside
 * the save's write transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: the store's write lock and
 * SELECT ... FOR UPDATE), so that of two clients that opened the same revision exactly one
 * succeeds. Otherwise nothing is written and the error is CS_STORE_ERROR_CONFLICT, whose message
 * names who saved which revision and when ("Draft CQ-2026-001 was changed by Li Wei at 14:02
 * (revision 7) after you opened revision 5.") or says that the draft was deleted (or, for 0,
 * that it exists). The caller then loads the stored draft (cs_store_load(); who and when are in
 * cs_store_get_summary()), merges (cs-merge.h) and saves again with the new revision.
 * @revision_out gets the new revision on success. */
gboolean        cs_store_save_if_revision  (CsStore      *self,
                                            CsManifest   *manifest,
                                            gint64        expected_revision,
                                            gint64       *revision_out,
                                            GError      **error);
/* Imports @manifest as a draft, deciding inside the save's transaction (so that two imports at
 * once cannot both pass a check made before either wrote):
 * - @replace FALSE: a new draft only; CS_STORE_ERROR_DUPLICATE when a draft has the reference,
 *   CS_STORE_ERROR_ID_TAKEN when a draft has the id.
 * - @replace TRUE: the store is integrity-checked first (CS_STORE_ERROR_DAMAGED); the draft with
 *   the same reference is replaced (@manifest takes its id, so that its export history stays), or
 *   a new one is added; an id that belongs to a draft with ANOTHER reference is
 *   CS_STORE_ERROR_ID_TAKEN naming both references, and nothing is written. */
gboolean        cs_store_import            (CsStore      *self,
                                            CsManifest   *manifest,
                                            gboolean      replace,
                                            gint64       *revision_out,
                                            GError      **error);
/* A new, unobserved manifest built from the store. Every row the draft has is read or the load
 * fails (CS_STORE_ERROR_DAMAGED when fewer items read back than the draft recorded). */
CsManifest     *cs_store_load              (CsStore      *self,
                                            const char   *id_or_reference,
                                            GError      **error);
/* cs_store_load() that also gives the revision of what it read, from the same snapshot (reading
 * the revision afterwards could name a colleague's newer save): the @expected_revision to pass
 * to cs_store_save_if_revision() for this manifest. */
CsManifest     *cs_store_load_with_revision (CsStore     *self,
                                             const char  *id_or_reference,
                                             gint64      *revision_out,
                                             GError     **error);
/* The id of the draft with this id or reference, or NULL (no error) when there is none. */
char           *cs_store_lookup_id         (CsStore      *self,
                                            const char   *id_or_reference,
                                            GError      **error);
/* The draft's current revision; 0 with @error set when not found. */
gint64          cs_store_get_revision      (CsStore      *self,
                                            const char   *id_or_reference,
                                            GError      **error);
/* Deletes the draft (its export rows stay, without it). On PostgreSQL only an owner's role may
 * (schema 9: consign_clerk has no DELETE on drafts): CS_STORE_ERROR_DENIED otherwise. */
gboolean        cs_store_delete            (CsStore      *self,
                                            const char   *id_or_reference,
                                            GError      **error);
/* Sets the draft's status (CS_STATUS_ARCHIVED to archive); @status must be a value of CsStatus
 * (not UNSET). Does not bump the revision. */
gboolean        cs_store_set_status_value  (CsStore      *self,
                                            const char   *id_or_reference,
                                            CsStatus      status,
                                            GError      **error);
/* The same for a status word from outside (one of cs_manifest_statuses): an unknown word is
 * CS_STORE_ERROR_INVALID. */
gboolean        cs_store_set_status        (CsStore      *self,
                                            const char   *id_or_reference,
                                            const char   *status,
                                            GError      **error);
/* Stores the validator's counts for the drafts list (shown as badges). */
gboolean        cs_store_set_counts        (CsStore      *self,
                                            const char   *id_or_reference,
                                            guint         n_errors,
                                            guint         n_warnings,
                                            GError      **error);

/* Summaries of drafts, most recently updated first. @search (may be NULL or "") matches, case-
 * insensitively, a part of the reference, of any party's name or Latin name, of a VIN, a
 * container number or an item description, or a whole seal or serial. @status (may be NULL = any) filters by status.
 * Returns a GPtrArray of CsStoreSummary (element free function set). */
GPtrArray      *cs_store_list              (CsStore      *self,
                                            const char   *search,
                                            const char   *status,
                                            GError      **error);
/* cs_store_list() with the status filter as a CsStatus: CS_STATUS_UNSET = any. (cs_store_list()
 * parses its @status word once and calls this; an unknown word is CS_STORE_ERROR_INVALID.) */
GPtrArray      *cs_store_list_by_status    (CsStore      *self,
                                            const char   *search,
                                            CsStatus      status,
                                            GError      **error);
/* Summary of one draft, or NULL with CS_STORE_ERROR_NOT_FOUND. */
CsStoreSummary *cs_store_get_summary       (CsStore      *self,
                                            const char   *id_or_reference,
                                            GError      **error);

/* Which drafts contain this VIN / container number (exact, case-insensitive). GPtrArray of
 * CsStoreSummary, possibly empty. */
GPtrArray      *cs_store_find_vin          (CsStore      *self,
                                            const char   *vin,
                                            GError      **error);
GPtrArray      *cs_store_find_container    (CsStore      *self,
                                            const char   *number,
                                            GError      **error);

/* ---- duplicate as new, templates ------------------------------------------------------------ */

/* Resets, in place, what must be unique or fresh in a copied manifest (use it on a copy before
 * anyone observes it: fields are cleared with the raw setters, but clearing an item's splits
 * goes through cs_list_clear(), which does notify): a new id, status draft, no reference; dates (leg
 * ETD/ETA, invoice date, document issue/expiry, perishable packing date); container numbers,
 * seals, VGM (mass and method) and the pending marks; the items' container assignments (splits
 * included, since they name containers); VINs and machine serial numbers; transport document,
 * invoice, document and licence numbers. Everything else (parties, route, terms, goods) stays. */
void            cs_manifest_reset_for_copy (CsManifest   *manifest);

/* Loads @id_or_reference, resets the copy, gives it @new_reference (may be NULL), saves it and
 * returns it (a new draft). */
CsManifest     *cs_store_duplicate_as_new  (CsStore      *self,
                                            const char   *id_or_reference,
                                            const char   *new_reference,
                                            GError      **error);

/* Saves a reset copy of @manifest as template @name (replacing a template of that name). */
gboolean        cs_store_save_template     (CsStore      *self,
                                            const char   *name,
                                            CsManifest   *manifest,
                                            GError      **error);
/* Template names, sorted. */
GStrv           cs_store_list_templates    (CsStore      *self,
                                            GError      **error);
gboolean        cs_store_delete_template   (CsStore      *self,
                                            const char   *name,
                                            GError      **error);
/* A new unsaved draft (new id, status draft, @new_reference) from template @name. */
CsManifest     *cs_store_new_from_template (CsStore      *self,
                                            const char   *name,
                                            const char   *new_reference,
                                            GError      **error);

/* ---- exports audit, counters, UI state ---------------------------------------------------- */

/* Records one export of the draft @id_or_reference at @revision (the value cs_store_save()
 * returned for the version exported). Returns the new row id, or 0 with @error set. */
gint64          cs_store_record_export     (CsStore      *self,
                                            const char   *id_or_reference,
                                            const char   *format,
                                            const char   *path,
                                            const char   *sha256,
                                            gint64        revision,
                                            GError      **error);
/* The same, with what the validator found in the manifest exported (@n_errors, -1 when it was
 * not validated) and whether someone confirmed exporting in spite of errors. */
gint64          cs_store_record_export_full (CsStore     *self,
                                             const char  *id_or_reference,
                                             const char  *format,
                                             const char  *path,
                                             const char  *sha256,
                                             gint64       revision,
                                             int          n_errors,
                                             gboolean     errors_confirmed,
                                             GError     **error);
/* Export rows of one draft, oldest first: GPtrArray of CsStoreExport. */
GPtrArray      *cs_store_list_exports      (CsStore      *self,
                                            const char   *id_or_reference,
                                            GError      **error);

/* The changes of one draft, newest first: GPtrArray of CsStoreChange. @id_or_reference may name
 * a draft that was deleted (by its id, or by the reference it last had: the newest draft that had
 * it); CS_STORE_ERROR_NOT_FOUND when no draft has or had it. */
GPtrArray      *cs_store_list_changes      (CsStore      *self,
                                            const char   *id_or_reference,
                                            GError      **error);
/* The changes of every draft made at or after @since (Unix time, UTC seconds), newest first. */
GPtrArray      *cs_store_list_changes_since (CsStore     *self,
                                             gint64       since,
                                             GError     **error);

/* The changes of the directory (parties and products) made at or after @since_usec
 * (microseconds since 1970 UTC), newest first: GPtrArray of CsStoreDirectoryChange. */
GPtrArray      *cs_store_list_directory_changes (CsStore  *self,
                                                 gint64    since_usec,
                                                 GError  **error);

/* The next EDIFACT interchange control reference: unique and increasing within this database
 * (1, 2, 3, ...), kept across runs. Returns 0 with @error set on failure. */
gint64          cs_store_next_interchange_ref (CsStore   *self,
                                               GError   **error);

/* Small key/value settings that belong with the drafts (e.g. "last-draft", "last-page").
 * cs_store_get_ui_state() returns NULL when unset; @value NULL removes the key. */
char           *cs_store_get_ui_state      (CsStore      *self,
                                            const char   *key);
gboolean        cs_store_set_ui_state      (CsStore      *self,
                                            const char   *key,
                                            const char   *value,
                                            GError      **error);

G_END_DECLS
