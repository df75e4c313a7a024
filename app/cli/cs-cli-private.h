/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-cli-private.h: helpers shared by the subcommands (cs-cli.c) */
#pragma once

#include <json-glib/json-glib.h>

#include "cs-cli.h"
#include "cs-store.h"

G_BEGIN_DECLS

/* Exit statuses (cs-cli.h). */
enum
{
  CS_CLI_OK = 0,
  CS_CLI_REFUSED = 1,    /* findings, or a refusal (e.g. the reference exists) */
  CS_CLI_BAD_INPUT = 2,  /* bad input, usage, or a store that cannot be opened */
};

/* An option context for one subcommand with a translated --help of its own (no exit() inside):
 * @parameter_string e.g. "FILE.json", @summary one line. Entries may be NULL. */
GOptionContext *_cs_cli_context        (const char          *command,
                                        const char          *parameter_string,
                                        const char          *summary,
                                        const GOptionEntry  *entries);
/* Parses; on --help prints the help and sets *status = 0; on a usage error prints it (naming
 * the command) and sets *status = 2. Returns FALSE when the caller should return *status. */
gboolean        _cs_cli_parse          (GOptionContext      *context,
                                        const char          *command,
                                        int                 *argc,
                                        char              ***argv,
                                        int                 *status);
/* "consign COMMAND: message" on stderr. */
void            _cs_cli_error          (const char          *command,
                                        const char          *format,
                                        ...) G_GNUC_PRINTF (2, 3);
/* Prints a usage error with the "Try --help" hint; returns 2. */
int             _cs_cli_usage          (const char          *command,
                                        const char          *format,
                                        ...) G_GNUC_PRINTF (2, 3);
/* The exit status for an error from the store, the JSON reader or an exporter. */
int             _cs_cli_status_for     (const GError        *error);
/* Opens the store, printing the error; NULL on failure with *status set. A store that fails
 * PRAGMA quick_check is refused (with a hint at `consign check`). Text that was not valid UTF-8
 * is reported once per draft, on stderr, when the store is released. */
CsStore        *_cs_cli_open_store     (const char          *command,
                                        const char          *db_path,
                                        int                 *status);
/* The same, with the error returned rather than printed (@command names the command in the
 * UTF-8 warnings; may be NULL). */
CsStore        *_cs_cli_store_open     (const char          *command,
                                        const char          *db_path,
                                        GError             **error);
/* @text with every character that would act on a terminal (C0 and C1 controls, ESC and so CSI
 * and OSC sequences, CR, DEL, bidirectional overrides) and every byte that is not UTF-8 written
 * as \xHH or \uHHHH; @keep_newlines keeps '\n'. For terminal (text) output, never for --json.
 * NULL for NULL. */
char           *_cs_cli_escape         (const char          *text,
                                        gboolean             keep_newlines);
/* Most bytes of a value _cs_cli_quote() shows. */
#define CS_CLI_QUOTE_MAX 200
/* A value for a message: escaped, and cut after CS_CLI_QUOTE_MAX bytes with its length. */
char           *_cs_cli_quote          (const char          *value);
/* g_print() of text output with terminal controls escaped (newlines kept). */
void            _cs_cli_print          (const char          *text);
/* TRUE when @arg names a JSON file rather than a draft reference. */
gboolean        _cs_cli_is_file        (const char          *arg);
/* Display width of UTF-8 text in terminal columns (wide CJK characters count 2), as
 * _cs_cli_pad() shows it (escaped). */
guint           _cs_cli_width          (const char          *text);
/* Appends @text padded (or cut with "…") to @width columns. */
void            _cs_cli_pad            (GString             *out,
                                        const char          *text,
                                        guint                width);
/* Local "YYYY-MM-DD HH:MM" of a Unix time. */
char           *_cs_cli_format_time    (gint64               unix_time);
/* The Unix time of "2026-12-07", "2026-12-07T14:00" or a full ISO 8601 time (local time unless
 * it says); -1 when it is none of these (--since of history --changes and directory changes). */
gint64          _cs_cli_parse_time     (const char          *text);
/* Prints the JSON value built by @builder (its root), indented by two, and a newline, in UTF-8
 * whatever the locale (g_print would convert to the locale's charset, and in the C locale every
 * non-ASCII character became "?"). */
void            _cs_cli_print_json     (JsonBuilder         *builder);
/* Writes UTF-8 bytes to stdout unchanged; FALSE on a write error. */
gboolean        _cs_cli_write_stdout   (const char          *data,
                                        gsize                length);

G_END_DECLS
