/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-cli.c: the command line: global options, dispatch, help, and helpers for subcommands
 *
 *   consign [--db PATH] COMMAND [OPTIONS…] [ARGS…]
 *
 * --db may appear anywhere before a "--"; without it the store is $CONSIGN_DB, or
 * $XDG_DATA_HOME/consign/consign.sqlite. Each subcommand parses its own options with a
 * GOptionContext (translated help, no exit() inside) and returns the exit status.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cs-cli-private.h"
#include "cs-cli-table.h"
#include "cs-export.h"
#include "cs-json.h"

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv, const char *db_path);
  const char *summary;
} Command;

static const Command commands[] = {
  { "validate", cs_cli_validate, N_("Check manifests and print what is wrong") },
  { "import", cs_cli_import, N_("Import a JSON manifest into the draft store") },
  { "list", cs_cli_list, N_("List or search the drafts in the store") },
  { "show", cs_cli_show, N_("Show a draft or a manifest file") },
  { "export", cs_cli_export, N_("Write a manifest as xlsx, csv, xml, edifact, pdf or json") },
  { "history", cs_cli_history, N_("List the exports recorded for a draft, or its changes and who made them") },
  { "check", cs_cli_check, N_("Check the draft store for damage, or salvage it into a new file") },
  { "parties", cs_cli_parties, N_("Import, export or search the party directory") },
  { "products", cs_cli_products, N_("Import, export or search the product catalogue") },
  { "directory", cs_cli_directory, N_("List the changes of the directory and catalogue and who made them") },
};

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

gboolean
cs_cli_wants (int    argc,
              char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];

      if (g_strcmp0 (a, "--db") == 0)
        {
          i++;
          continue;
        }
      if (g_str_has_prefix (a, "--db="))
        continue;
      if (g_strcmp0 (a, "--help") == 0 || g_strcmp0 (a, "-h") == 0 ||
          g_strcmp0 (a, "--version") == 0)
        return TRUE;
      /* Anything that is not an option is a command (an unknown one is reported). */
      return a[0] != '-';
    }
  return FALSE;
}

static void
print_main_help (void)
{
  GString *s = g_string_new (NULL);
  g_autofree char *default_db = cs_store_default_path ();

  g_string_append_printf (s, "%s\n  consign [--db PATH] %s\n  consign\n\n", _("Usage:"),
                          _("COMMAND [OPTION…] [ARGUMENT…]"));
  g_string_append_printf (s, "%s\n\n", _("Without a command, the desktop app starts."));
  g_string_append_printf (s, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (s, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append_printf (s, "\n%s\n", _("Options:"));
  g_string_append_printf (s, "  --db PATH    %s\n", _("The draft store to use"));
  g_string_append_printf (s, "               %s\n", _("(default: $CONSIGN_DB, or:)"));
  g_string_append_printf (s, "               %s\n", default_db);
  g_string_append_printf (s, "  --version    %s\n", _("Print the version"));
  g_string_append_printf (s, "  -h, --help   %s\n\n", _("Show this help"));
  g_string_append_printf (s, "%s\n", _("Run “consign COMMAND --help” for the options of a command."));
  g_string_append_printf (s, "%s\n", _("Exit status: 0 done, 1 findings or refused, 2 bad input or usage."));
  g_print ("%s", s->str);
  g_string_free (s, TRUE);
}

int
cs_cli_run (int    argc,
            char **argv)
{
  g_autoptr(GPtrArray) sub = g_ptr_array_new ();
  g_autofree char *db_path = NULL;
  const char *command = NULL;
  const char *env_db;
  const Command *cmd;
  gboolean options_done = FALSE;

  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];

      if (!options_done && g_strcmp0 (a, "--") == 0)
        {
          options_done = TRUE;
          if (command != NULL)
            g_ptr_array_add (sub, (gpointer) a);
          continue;
        }
      if (!options_done && g_strcmp0 (a, "--db") == 0)
        {
          if (i + 1 >= argc || argv[i + 1][0] == '\0')
            return _cs_cli_usage (command, _("--db needs a PATH"));
          g_free (db_path);
          db_path = g_strdup (argv[++i]);
          continue;
        }
      if (!options_done && g_str_has_prefix (a, "--db="))
        {
          if (a[5] == '\0')
            return _cs_cli_usage (command, _("--db needs a PATH"));
          g_free (db_path);
          db_path = g_strdup (a + 5);
          continue;
        }
      if (command == NULL)
        {
          if (g_strcmp0 (a, "--help") == 0 || g_strcmp0 (a, "-h") == 0)
            {
              print_main_help ();
              return CS_CLI_OK;
            }
          if (g_strcmp0 (a, "--version") == 0)
            {
              g_print ("consign %s\n", PACKAGE_VERSION);
              return CS_CLI_OK;
            }
          if (a[0] == '-' && !options_done)
            return _cs_cli_usage (NULL, _("unknown option “%s”"), a);
          command = a;
          g_ptr_array_add (sub, (gpointer) a);
          continue;
        }
      g_ptr_array_add (sub, (gpointer) a);
    }

  if (command == NULL)
    return _cs_cli_usage (NULL, _("no command given"));

  if (g_strcmp0 (command, "help") == 0)
    {
      if (sub->len < 2)
        {
          print_main_help ();
          return CS_CLI_OK;
        }
      command = sub->pdata[1];
      g_ptr_array_set_size (sub, 0);
      g_ptr_array_add (sub, (gpointer) command);
      g_ptr_array_add (sub, (gpointer) "--help");
    }

  if ((cmd = find_command (command)) == NULL)
    return _cs_cli_usage (NULL, _("unknown command “%s”"), command);

  if (db_path == NULL && (env_db = g_getenv ("CONSIGN_DB")) != NULL && env_db[0] != '\0')
    db_path = g_strdup (env_db);
  if (db_path == NULL)
    db_path = cs_store_default_path ();

  g_ptr_array_add (sub, NULL);
  return cmd->run ((int) sub->len - 1, (char **) sub->pdata, db_path);
}

/* ---- helpers ------------------------------------------------------------------------------- */

/* Characters that would act on a terminal rather than be shown: C0 controls (ESC starts CSI and
 * OSC sequences, CR overwrites a line), DEL, C1 controls (U+009B is a one-character CSI) and the
 * bidirectional overrides that reorder what is shown. */
static gboolean
is_terminal_control (gunichar c)
{
  return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) ||
         (c >= 0x2066 && c <= 0x2069);
}

char *
_cs_cli_escape (const char *text,
                gboolean    keep_newlines)
{
  GString *out;
  const char *p, *end;

  if (text == NULL)
    return NULL;
  out = g_string_sized_new (strlen (text));
  end = text + strlen (text);
  for (p = text; p < end;)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* not UTF-8: the byte's value, never the byte */
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if ((c == '\n' && keep_newlines) || !is_terminal_control (c))
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      else if (c < 0x80)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_printf (out, "\\u%04x", c);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

/* Appends at most @max bytes of UTF-8 @text, cut at a character boundary. */
static void
append_cut (GString    *out,
            const char *text,
            gsize       max)
{
  const char *end = text;

  while (*end != '\0' && (gsize) (g_utf8_next_char (end) - text) <= max)
    end = g_utf8_next_char (end);
  g_string_append_len (out, text, end - text);
}

char *
_cs_cli_quote (const char *value)
{
  g_autofree char *safe = _cs_cli_escape (value ? value : "", FALSE);
  GString *out;
  gsize len = strlen (safe);

  if (len <= CS_CLI_QUOTE_MAX)
    return g_steal_pointer (&safe);
  out = g_string_new (NULL);
  append_cut (out, safe, CS_CLI_QUOTE_MAX);
  {
    g_autofree char *more = g_strdup_printf ("%" G_GSIZE_FORMAT, strlen (value));
    /* TRANSLATORS: after a value cut short; %s is its whole length in bytes */
    g_string_append_printf (out, _("… (%s bytes in all)"), more);
  }
  return g_string_free (out, FALSE);
}

void
_cs_cli_print (const char *text)
{
  g_autofree char *safe = _cs_cli_escape (text, TRUE);

  g_print ("%s", safe);
}

void
_cs_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  text = json_generator_to_data (gen, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

static gboolean help_requested;

GOptionContext *
_cs_cli_context (const char         *command,
                 const char         *parameter_string,
                 const char         *summary,
                 const GOptionEntry *entries)
{
  static const GOptionEntry help_entries[] = {
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help_requested, N_("Show this help"), NULL },
    { NULL }
  };
  g_autofree char *prgname = g_strdup_printf ("consign %s", command);
  GOptionContext *context = g_option_context_new (parameter_string);

  g_set_prgname (prgname);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  if (summary != NULL)
    g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, help_entries, GETTEXT_PACKAGE);
  return context;
}

gboolean
_cs_cli_parse (GOptionContext   *context,
               const char       *command,
               int              *argc,
               char           ***argv,
               int              *status)
{
  g_autoptr(GError) error = NULL;

  help_requested = FALSE;
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = _cs_cli_usage (command, "%s", error->message);
      return FALSE;
    }
  if (help_requested)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_print ("%s", help);
      *status = CS_CLI_OK;
      return FALSE;
    }
  return TRUE;
}

/* Longest line of an error message: a bad value is quoted, never copied whole (a 10 MB key). */
#define MAX_MESSAGE_LINE 1024

static void print_error_va (const char *command,
                            const char *format,
                            va_list     args) G_GNUC_PRINTF (2, 0);

static void
print_error_va (const char *command,
                const char *format,
                va_list     args)
{
  g_autofree char *msg = g_strdup_vprintf (format, args);
  g_autofree char *safe = _cs_cli_escape (msg, TRUE);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *line = safe;

  /* every line of it at most MAX_MESSAGE_LINE bytes */
  while (line != NULL)
    {
      const char *nl = strchr (line, '\n');
      gsize len = nl ? (gsize) (nl - line) : strlen (line);

      if (len > MAX_MESSAGE_LINE)
        {
          g_autofree char *more = g_strdup_printf ("%" G_GSIZE_FORMAT, len - MAX_MESSAGE_LINE);
          append_cut (out, line, MAX_MESSAGE_LINE);
          /* TRANSLATORS: after a message cut short; %s is a number of bytes */
          g_string_append_printf (out, _("… (%s bytes more)"), more);
        }
      else
        g_string_append_len (out, line, len);
      if (nl != NULL)
        g_string_append_c (out, '\n');
      line = nl ? nl + 1 : NULL;
    }
  if (command != NULL)
    g_printerr ("consign %s: %s\n", command, out->str);
  else
    g_printerr ("consign: %s\n", out->str);
}

void
_cs_cli_error (const char *command,
               const char *format,
               ...)
{
  va_list args;

  va_start (args, format);
  print_error_va (command, format, args);
  va_end (args);
}

int
_cs_cli_usage (const char *command,
               const char *format,
               ...)
{
  va_list args;

  va_start (args, format);
  print_error_va (command, format, args);
  va_end (args);
  if (command != NULL)
    g_printerr (_("Try “consign %s --help”.\n"), command);
  else
    g_printerr (_("Try “consign --help”.\n"));
  return CS_CLI_BAD_INPUT;
}

int
_cs_cli_status_for (const GError *error)
{
  if (error == NULL)
    return CS_CLI_OK;
  if (error->domain == CS_STORE_ERROR)
    return error->code == CS_STORE_ERROR_DUPLICATE || error->code == CS_STORE_ERROR_TOO_NEW ||
           error->code == CS_STORE_ERROR_ID_TAKEN || error->code == CS_STORE_ERROR_DENIED ||
           error->code == CS_STORE_ERROR_CONFLICT
             ? CS_CLI_REFUSED : CS_CLI_BAD_INPUT;
  if (error->domain == CS_EXPORT_ERROR)
    return error->code == CS_EXPORT_ERROR_ENCODING || error->code == CS_EXPORT_ERROR_INVALID
             ? CS_CLI_REFUSED : CS_CLI_BAD_INPUT;
  return CS_CLI_BAD_INPUT;
}

/* When the store goes away: one warning per draft whose text had to be repaired for showing. */
static void
report_text_warnings (gpointer  data,
                      GObject  *where_the_object_was)
{
  const char *command = data;
  g_auto(GStrv) drafts = cs_store_get_text_warnings ((CsStore *) where_the_object_was);

  for (guint i = 0; drafts != NULL && drafts[i] != NULL; i++)
    {
      g_autofree char *quoted = _cs_cli_quote (drafts[i]);

      if (drafts[i][0] == '\0')
        _cs_cli_error (command, _("warning: the store holds text that is not valid UTF-8; it is "
                                  "shown with � (U+FFFD)"));
      else
        _cs_cli_error (command, _("warning: draft “%s” holds text that is not valid UTF-8; it is "
                                  "shown with � (U+FFFD)"), quoted);
    }
}

/* Opens the store for a command: a store whose pages fail quick_check is refused, so that no
 * command reads part of a draft as if it were whole or writes into damaged pages. */
CsStore *
_cs_cli_store_open (const char  *command,
                    const char  *db_path,
                    GError     **error)
{
  g_autoptr(CsStore) store = cs_store_open (db_path, error);

  if (store == NULL)
    return NULL;
  if (!cs_store_check (store, FALSE, NULL, error))
    {
      if ((*error)->code == CS_STORE_ERROR_DAMAGED)
        {
          g_autofree char *quoted = g_shell_quote (db_path);
          g_autofree char *hint = g_strdup_printf (_("Nothing was read or changed. “consign --db %s check” "
                                                     "lists the damage; “consign --db %s check --repair "
                                                     "NEW.sqlite” copies every draft that reads cleanly "
                                                     "into a new store."), quoted, quoted);
          char *msg = g_strdup_printf ("%s\n%s", (*error)->message, hint);

          g_free ((*error)->message);
          (*error)->message = msg;
        }
      return NULL;
    }
  g_object_weak_ref (G_OBJECT (store), report_text_warnings, (gpointer) command);
  return g_steal_pointer (&store);
}

CsStore *
_cs_cli_open_store (const char *command,
                    const char *db_path,
                    int        *status)
{
  g_autoptr(GError) error = NULL;
  CsStore *store = _cs_cli_store_open (command, db_path, &error);

  if (store == NULL)
    {
      _cs_cli_error (command, "%s", error->message);
      *status = _cs_cli_status_for (error);
    }
  return store;
}

gboolean
_cs_cli_is_file (const char *arg)
{
  return g_str_has_suffix (arg, ".json") || g_str_has_suffix (arg, ".JSON") ||
         strchr (arg, G_DIR_SEPARATOR) != NULL ||
         g_file_test (arg, G_FILE_TEST_IS_REGULAR);
}

CsManifest *
cs_cli_open_manifest (const char  *file_or_ref,
                      const char  *db_path,
                      GError     **error)
{
  g_autoptr(CsStore) store = NULL;

  g_return_val_if_fail (file_or_ref != NULL, NULL);

  if (_cs_cli_is_file (file_or_ref))
    return cs_json_load_file (file_or_ref, error);
  if ((store = _cs_cli_store_open (NULL, db_path, error)) == NULL)
    return NULL;
  return cs_store_load (store, file_or_ref, error);
}

/* Terminal columns of one character. */
static guint
char_width (gunichar c)
{
  return g_unichar_iszerowidth (c) ? 0 : g_unichar_iswide (c) ? 2 : 1;
}

static guint
width_of_safe (const char *text)
{
  guint w = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    w += char_width (g_utf8_get_char (p));
  return w;
}

guint
_cs_cli_width (const char *text)
{
  g_autofree char *safe = _cs_cli_escape (text, FALSE);

  return safe ? width_of_safe (safe) : 0;
}

void
_cs_cli_pad (GString    *out,
             const char *raw,
             guint       width)
{
  g_autofree char *text = _cs_cli_escape (raw ? raw : "", FALSE);
  guint w;

  if ((w = width_of_safe (text)) <= width)
    g_string_append (out, text);
  else
    {
      w = 0;
      for (const char *p = text; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          guint cw = char_width (c);

          if (w + cw + 1 > width)
            break;
          g_string_append_unichar (out, c);
          w += cw;
        }
      g_string_append (out, "…");
      w++;
    }
  for (; w < width; w++)
    g_string_append_c (out, ' ');
}

char *
_cs_cli_format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_time);

  return dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

gint64
_cs_cli_parse_time (const char *text)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, local);
  int y, m, d;
  char end;

  if (dt == NULL && sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &end) == 3)
    dt = g_date_time_new_local (y, m, d, 0, 0, 0);
  if (dt == NULL)
    {
      g_autofree char *seconds = g_strconcat (text, ":00", NULL);
      dt = g_date_time_new_from_iso8601 (seconds, local);
    }
  return dt ? g_date_time_to_unix (dt) : -1;
}

gboolean
_cs_cli_write_stdout (const char *data,
                      gsize       length)
{
  return fwrite (data, 1, length, stdout) == length && fflush (stdout) == 0;
}
