/* cs-cli-private.h: helpers shared by the subcommands (cs-cli.c) */
#pragma once

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
/* Opens the store, printing the error; NULL on failure with *status set. */
CsStore        *_cs_cli_open_store     (const char          *command,
                                        const char          *db_path,
                                        int                 *status);
/* TRUE when @arg names a JSON file rather than a draft reference. */
gboolean        _cs_cli_is_file        (const char          *arg);
/* Display width of UTF-8 text in terminal columns (wide CJK characters count 2). */
guint           _cs_cli_width          (const char          *text);
/* Appends @text padded (or cut with "…") to @width columns. */
void            _cs_cli_pad            (GString             *out,
                                        const char          *text,
                                        guint                width);
/* Local "YYYY-MM-DD HH:MM" of a Unix time. */
char           *_cs_cli_format_time    (gint64               unix_time);
/* Writes UTF-8 bytes to stdout unchanged; FALSE on a write error. */
gboolean        _cs_cli_write_stdout   (const char          *data,
                                        gsize                length);

G_END_DECLS
