/* cs-json.c: the JSON interchange format, driven by the model's field tables */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cs-json.h"

G_DEFINE_QUARK (cs-json-error-quark, cs_json_error)

/* ---- reading -------------------------------------------------------------- */

typedef struct
{
  const char *source;
  GString    *path;   /* JSON path of the node being read */
  GError    **error;
} Reader;

static gboolean read_record_into (Reader *r, JsonNode *node, CsRecord *rec);

static const char *
node_type_name (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("a list");
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      {
        GType t = json_node_get_value_type (node);
        if (t == G_TYPE_STRING)
          return _("a string");
        if (t == G_TYPE_BOOLEAN)
          return _("true or false");
        return _("a number");
      }
    }
}

G_GNUC_PRINTF (3, 4)
static gboolean
fail (Reader     *r,
      CsJsonError code,
      const char *format,
      ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (r->error, CS_JSON_ERROR, code, "%s: %s: %s",
               r->source ? r->source : "<json>",
               r->path->len ? r->path->str : _("top level"),
               what);
  return FALSE;
}

static gboolean
wrong_type (Reader     *r,
            JsonNode   *node,
            const char *expected)
{
  /* TRANSLATORS: "expected a number, found a string" */
  return fail (r, CS_JSON_ERROR_TYPE, _("expected %s, found %s"), expected, node_type_name (node));
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_number (JsonNode *node)
{
  GType t;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  t = json_node_get_value_type (node);
  return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE;
}

static gboolean
valid_date (const char *s)
{
  guint y, m, d;
  char tail;

  if (strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  if (sscanf (s, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  return g_date_valid_dmy (d, m, y);
}

static gboolean
valid_datetime (const char *s)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (valid_date (s))
    return TRUE;
  utc = g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (s, utc);
  return dt != NULL;
}

static gboolean
read_field (Reader        *r,
            CsRecord      *rec,
            const CsField *f,
            JsonNode      *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;   /* null = absent */

  switch (f->kind)
    {
    case CS_FIELD_STRING:
    case CS_FIELD_ENUM:
    case CS_FIELD_DATE:
    case CS_FIELD_DATETIME:
      {
        const char *s;

        if (!is_string (node))
          return wrong_type (r, node, _("a string"));
        s = json_node_get_string (node);
        if (f->kind == CS_FIELD_ENUM && !cs_field_enum_allows (f, s))
          {
            g_autofree char *allowed = g_strjoinv (", ", (char **) f->choices);
            return fail (r, CS_JSON_ERROR_VALUE, _("“%s” is not one of %s"), s, allowed);
          }
        if (f->kind == CS_FIELD_DATE && !valid_date (s))
          return fail (r, CS_JSON_ERROR_VALUE, _("“%s” is not a date of the form YYYY-MM-DD"), s);
        if (f->kind == CS_FIELD_DATETIME && !valid_datetime (s))
          return fail (r, CS_JSON_ERROR_VALUE,
                       _("“%s” is not an ISO 8601 date or time (2026-04-06 or 2026-04-06T09:00:00+08:00)"), s);
        cs_field_set_string (rec, f, s);
      }
      return TRUE;

    case CS_FIELD_NUMBER:
    case CS_FIELD_INTEGER:
      {
        double v;

        if (!is_number (node))
          return wrong_type (r, node, f->kind == CS_FIELD_INTEGER ? _("a whole number") : _("a number"));
        v = json_node_get_double (node);
        if (!isfinite (v))
          return fail (r, CS_JSON_ERROR_VALUE, _("the number is out of range"));
        if (f->kind == CS_FIELD_INTEGER && v != floor (v))
          return fail (r, CS_JSON_ERROR_VALUE, _("%g is not a whole number"), v);
        cs_field_set_number (rec, f, v);
      }
      return TRUE;

    case CS_FIELD_BOOLEAN:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return wrong_type (r, node, _("true or false"));
      cs_field_set_boolean (rec, f, json_node_get_boolean (node));
      return TRUE;

    case CS_FIELD_STRV:
    case CS_FIELD_INTV:
      {
        JsonArray *arr;
        guint n;
        gsize base = r->path->len;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          return wrong_type (r, node, _("a list"));
        arr = json_node_get_array (node);
        n = json_array_get_length (arr);
        if (f->kind == CS_FIELD_STRV)
          {
            g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
            for (guint i = 0; i < n; i++)
              {
                JsonNode *el = json_array_get_element (arr, i);
                g_string_append_printf (r->path, "[%u]", i);
                if (!is_string (el))
                  return wrong_type (r, el, _("a string"));
                g_string_truncate (r->path, base);
                g_strv_builder_add (b, json_node_get_string (el));
              }
            cs_field_take_strv (rec, f, g_strv_builder_end (b));
          }
        else
          {
            GArray *a = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
            for (guint i = 0; i < n; i++)
              {
                JsonNode *el = json_array_get_element (arr, i);
                double v = is_number (el) ? json_node_get_double (el) : NAN;
                gint64 iv;

                g_string_append_printf (r->path, "[%u]", i);
                if (!isfinite (v) || v != floor (v))
                  {
                    g_array_unref (a);
                    return wrong_type (r, el, _("a whole number"));
                  }
                g_string_truncate (r->path, base);
                iv = (gint64) v;
                g_array_append_val (a, iv);
              }
            cs_field_take_intv (rec, f, a);
          }
      }
      return TRUE;

    case CS_FIELD_RECORD:
      {
        g_autoptr(CsRecord) sub = g_object_new (f->type (), NULL);

        if (!read_record_into (r, node, sub))
          return FALSE;
        cs_field_take_record (rec, f, g_steal_pointer (&sub));
      }
      return TRUE;

    case CS_FIELD_LIST:
      {
        CsList *list = *(CsList **) CS_FIELD_SLOT (rec, f);
        JsonArray *arr;
        guint n;
        gsize base = r->path->len;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          return wrong_type (r, node, _("a list"));
        arr = json_node_get_array (node);
        n = json_array_get_length (arr);
        g_ptr_array_set_size (cs_list_get_array (list), 0);
        for (guint i = 0; i < n; i++)
          {
            g_autoptr(CsRecord) sub = g_object_new (f->type (), NULL);

            g_string_append_printf (r->path, "[%u]", i);
            if (!read_record_into (r, json_array_get_element (arr, i), sub))
              return FALSE;
            g_string_truncate (r->path, base);
            cs_list_append_silent (list, sub);
          }
      }
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
read_record_into (Reader   *r,
                  JsonNode *node,
                  CsRecord *rec)
{
  CsRecordClass *klass = CS_RECORD_GET_CLASS (rec);
  JsonObject *obj;
  JsonObjectIter iter;
  const char *key;
  JsonNode *member;
  gsize base = r->path->len;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (r, node, _("an object"));

  obj = json_node_get_object (node);
  json_object_iter_init (&iter, obj);
  while (json_object_iter_next (&iter, &key, &member))
    {
      const CsField *f = cs_record_class_find_field (klass, key);

      if (base > 0)
        g_string_append_c (r->path, '.');
      g_string_append (r->path, key);
      if (f == NULL)
        return fail (r, CS_JSON_ERROR_UNKNOWN, _("unknown field “%s”"), key);
      if (!read_field (r, rec, f, member))
        return FALSE;
      g_string_truncate (r->path, base);
    }
  return TRUE;
}

CsRecord *
cs_json_record_from_node (JsonNode    *node,
                          GType        type,
                          const char  *source,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(GString) p = g_string_new (path);
  g_autoptr(CsRecord) rec = NULL;
  Reader r = { source, p, error };

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (g_type_is_a (type, CS_TYPE_RECORD), NULL);

  rec = g_object_new (type, NULL);
  if (!read_record_into (&r, node, rec))
    return NULL;
  return g_steal_pointer (&rec);
}

static gboolean
check_utf8 (const char  *data,
            gsize        length,
            const char  *source,
            GError     **error)
{
  const char *end = NULL;
  guint line = 1, col = 1;

  if (g_utf8_validate_len (data, length, &end))
    return TRUE;

  for (const char *p = data; p < end; p++)
    {
      if (*p == '\n')
        line++, col = 1;
      else if ((*p & 0xC0) != 0x80)
        col++;
    }
  g_set_error (error, CS_JSON_ERROR, CS_JSON_ERROR_ENCODING,
               _("%s:%u:%u: the text is not valid UTF-8 (byte 0x%02X)"),
               source ? source : "<json>", line, col, (guchar) *end);
  return FALSE;
}

CsManifest *
cs_json_load_data (const char  *data,
                   gssize       length,
                   const char  *source,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;
  gsize len;

  g_return_val_if_fail (data != NULL, NULL);

  len = length < 0 ? strlen (data) : (gsize) length;
  if (!check_utf8 (data, len, source, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, &local))
    {
      /* json-glib says "<data>:LINE:COL: Parse error: ..."; put the source name in front. */
      const char *msg = local->message;
      if (g_str_has_prefix (msg, "<data>:"))
        msg += strlen ("<data>:");
      g_set_error (error, CS_JSON_ERROR, CS_JSON_ERROR_SYNTAX, "%s:%s",
                   source ? source : "<json>", msg);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, CS_JSON_ERROR, CS_JSON_ERROR_SYNTAX, _("%s: the file is empty"),
                   source ? source : "<json>");
      return NULL;
    }

  return CS_MANIFEST (cs_json_record_from_node (json_parser_get_root (parser), CS_TYPE_MANIFEST,
                                                source, "", error));
}

CsManifest *
cs_json_load_file (const char  *path,
                   GError     **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;
  return cs_json_load_data (data, len, path, error);
}

/* ---- writing -------------------------------------------------------------- */

void
cs_json_append_string (GString    *out,
                       const char *s)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) s; *p; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

void
cs_json_append_number (GString *out,
                       double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (v == floor (v) && fabs (v) < 1e15)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) v);
      return;
    }
  /* The shortest of %.15g / %.17g that reads back to the same double. */
  g_ascii_formatd (buf, sizeof buf, "%.15g", v);
  if (g_ascii_strtod (buf, NULL) != v)
    g_ascii_formatd (buf, sizeof buf, "%.17g", v);
  g_string_append (out, buf);
}

static void
indent_to (GString *out,
           guint    level)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < level; i++)
    g_string_append (out, "  ");
}

static gboolean
field_present (CsRecord      *rec,
               const CsField *f)
{
  gpointer s = CS_FIELD_SLOT (rec, f);

  switch (f->kind)
    {
    case CS_FIELD_NUMBER:
    case CS_FIELD_INTEGER:
      return cs_num_is_set (*(double *) s);
    case CS_FIELD_BOOLEAN:
      return TRUE;
    case CS_FIELD_LIST:
      return cs_list_length (*(CsList **) s) > 0;
    default:
      return *(gpointer *) s != NULL;
    }
}

void
cs_json_append_record (GString  *out,
                       CsRecord *rec,
                       guint     indent)
{
  CsRecordClass *klass = CS_RECORD_GET_CLASS (rec);
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  for (guint i = 0; i < klass->n_fields; i++)
    {
      const CsField *f = &klass->fields[i];
      gpointer s = CS_FIELD_SLOT (rec, f);

      if (!field_present (rec, f))
        continue;
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      indent_to (out, indent + 1);
      cs_json_append_string (out, f->name);
      g_string_append (out, ": ");

      switch (f->kind)
        {
        case CS_FIELD_STRING:
        case CS_FIELD_ENUM:
        case CS_FIELD_DATE:
        case CS_FIELD_DATETIME:
          cs_json_append_string (out, *(const char **) s);
          break;
        case CS_FIELD_NUMBER:
        case CS_FIELD_INTEGER:
          cs_json_append_number (out, *(double *) s);
          break;
        case CS_FIELD_BOOLEAN:
          g_string_append (out, *(gboolean *) s ? "true" : "false");
          break;
        case CS_FIELD_STRV:
          {
            GStrv v = *(GStrv *) s;
            g_string_append_c (out, '[');
            for (guint j = 0; v[j]; j++)
              {
                if (j > 0)
                  g_string_append (out, ", ");
                cs_json_append_string (out, v[j]);
              }
            g_string_append_c (out, ']');
          }
          break;
        case CS_FIELD_INTV:
          {
            GArray *a = *(GArray **) s;
            g_string_append_c (out, '[');
            for (guint j = 0; j < a->len; j++)
              g_string_append_printf (out, "%s%" G_GINT64_FORMAT, j ? ", " : "",
                                      g_array_index (a, gint64, j));
            g_string_append_c (out, ']');
          }
          break;
        case CS_FIELD_RECORD:
          cs_json_append_record (out, *(CsRecord **) s, indent + 1);
          break;
        case CS_FIELD_LIST:
          {
            GPtrArray *arr = cs_list_get_array (*(CsList **) s);
            g_string_append_c (out, '[');
            for (guint j = 0; j < arr->len; j++)
              {
                if (j > 0)
                  g_string_append_c (out, ',');
                indent_to (out, indent + 2);
                cs_json_append_record (out, arr->pdata[j], indent + 2);
              }
            indent_to (out, indent + 1);
            g_string_append_c (out, ']');
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  if (!first)
    indent_to (out, indent);
  g_string_append_c (out, '}');
}

char *
cs_json_dump (CsManifest *manifest,
              gsize      *length)
{
  GString *out;

  g_return_val_if_fail (CS_IS_MANIFEST (manifest), NULL);

  out = g_string_sized_new (4096 + CS_MANIFEST_N_ITEMS (manifest) * 512);
  cs_json_append_record (out, CS_RECORD (manifest), 0);
  g_string_append_c (out, '\n');
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}
