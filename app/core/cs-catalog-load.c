/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-catalog-load.c: reading the catalog's JSON files (built-in and the user's overrides) and
 * iso-codes into the typed entries of cs-catalog-private.h */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cs-catalog-private.h"
#include "cs-finding.h"
#include "cs-json.h"
#include "cs-record.h"
#include "consign-core-resources.h"

#define RESOURCE_DIR  RESOURCE_BASE "/catalog"

/* ---- reading entries ----------------------------------------------------------------------- */

/* One entry being read: type errors are collected in @error (first one wins). */
typedef struct
{
  CsCatalog  *catalog;
  JsonObject *obj;
  char       *error;
} Reader;

static void
reader_fail (Reader     *r,
             const char *key,
             const char *expected)
{
  if (r->error == NULL)
    r->error = g_strdup_printf (_("“%s” should be %s"), key, expected);
}

static const char *
r_str (Reader     *r,
       const char *key)
{
  JsonNode *node = json_object_get_member (r->obj, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      reader_fail (r, key, _("a string"));
      return NULL;
    }
  return g_intern_string (json_node_get_string (node));
}

static const char *
r_required_str (Reader     *r,
                const char *key)
{
  const char *s = r_str (r, key);

  if (s == NULL || *s == '\0')
    reader_fail (r, key, _("a non-empty string"));
  return s;
}

static double
r_num (Reader     *r,
       const char *key)
{
  JsonNode *node = json_object_get_member (r->obj, key);
  GType t;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NAN;
  t = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (t != G_TYPE_INT64 && t != G_TYPE_DOUBLE)
    {
      reader_fail (r, key, _("a number"));
      return NAN;
    }
  return json_node_get_double (node);
}

static gboolean
r_bool (Reader     *r,
        const char *key,
        gboolean    fallback)
{
  JsonNode *node = json_object_get_member (r->obj, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return fallback;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      reader_fail (r, key, _("true or false"));
      return fallback;
    }
  return json_node_get_boolean (node);
}

/* A NULL-terminated array of interned strings, or NULL when absent. */
static const char * const *
r_strv (Reader     *r,
        const char *key)
{
  JsonNode *node = json_object_get_member (r->obj, key);
  JsonArray *array;
  const char **out;
  guint n;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      reader_fail (r, key, _("a list of strings"));
      return NULL;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  out = cs_catalog_alloc (r->catalog, (n + 1) * sizeof (char *));
  for (guint i = 0; i < n; i++)
    {
      JsonNode *e = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING)
        {
          reader_fail (r, key, _("a list of strings"));
          return NULL;
        }
      out[i] = g_intern_string (json_node_get_string (e));
    }
  return (const char * const *) out;
}

static const char *
r_date (Reader     *r,
        const char *key)
{
  const char *s = r_str (r, key);
  GDate d;

  if (s == NULL)
    return NULL;
  if (strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    {
      reader_fail (r, key, _("a date YYYY-MM-DD"));
      return NULL;
    }
  g_date_clear (&d, 1);
  g_date_set_parse (&d, s);
  if (!g_date_valid (&d))
    reader_fail (r, key, _("a date YYYY-MM-DD"));
  return s;
}

/* ---- typed builders: return FALSE with r->error set on bad input --------------------------- */

static gboolean
build_rule (Reader *r, const char *id)
{
  RuleSetting *rs = CATALOG_NEW (r->catalog, RuleSetting);
  const char *sev = r_str (r, "severity");

  rs->title = r_str (r, "title");
  if (sev != NULL)
    {
      CsSeverity s;

      if (g_strcmp0 (sev, "off") == 0)
        rs->severity = -1;
      else if (cs_severity_from_string (sev, &s))
        rs->severity = (int) s;
      else
        reader_fail (r, "severity", "error, warning, info or off");
      rs->has_severity = TRUE;
    }
  if (r->error)
    return FALSE;
  if (!g_hash_table_contains (r->catalog->rules, id))
    g_ptr_array_add (r->catalog->rule_ids, (gpointer) id);
  g_hash_table_insert (r->catalog->rules, (gpointer) id, rs);
  return TRUE;
}

static gboolean
build_param (Reader *r, const char *id)
{
  double *v = CATALOG_NEW (r->catalog, double);

  *v = r_num (r, "value");
  if (!cs_num_is_set (*v))
    reader_fail (r, "value", _("a number"));
  if (r->error)
    return FALSE;
  g_hash_table_insert (r->catalog->params, (gpointer) id, v);
  return TRUE;
}

static gboolean
build_locode (Reader *r, const char *id)
{
  CsLocode *l = CATALOG_NEW (r->catalog, CsLocode);

  l->code = id;
  l->name = r_required_str (r, "name");
  l->name_zh = r_str (r, "name_zh");
  l->country = r_str (r, "country");
  if (l->country == NULL)
    {
      char cc[3] = { id[0], id[0] ? id[1] : '\0', '\0' };

      l->country = g_intern_string (cc);
    }
  l->functions = r_str (r, "functions");
  if (l->functions == NULL)
    l->functions = g_intern_static_string ("--------");
  l->extra_modes = r_strv (r, "extra_modes");
  l->verify = r_bool (r, "verify", FALSE);
  l->note = r_str (r, "note");
  l->source = r_str (r, "source");
  if (strlen (id) != 5)
    reader_fail (r, "id", _("a 5-character UN/LOCODE"));
  if (r->error)
    return FALSE;
  g_hash_table_insert (r->catalog->locodes, (gpointer) id, l);
  g_ptr_array_add (r->catalog->locode_list, l);
  return TRUE;
}

static gboolean
build_corridor (Reader *r, const char *id)
{
  CsCatalog *self = r->catalog;
  CsCorridor *c = CATALOG_NEW (self, CsCorridor);
  JsonNode *legs_node = json_object_get_member (r->obj, "legs");
  JsonArray *legs;
  CsCorridorLeg *out;

  c->id = id;
  c->name = r_required_str (r, "name");
  c->name_zh = r_str (r, "name_zh");
  c->categories = r_strv (r, "categories");
  c->note = r_str (r, "note");
  c->source = r_str (r, "source");
  if (legs_node == NULL || !JSON_NODE_HOLDS_ARRAY (legs_node) ||
      json_array_get_length (json_node_get_array (legs_node)) == 0)
    {
      reader_fail (r, "legs", _("a non-empty list of legs"));
      return FALSE;
    }
  legs = json_node_get_array (legs_node);
  c->n_legs = json_array_get_length (legs);
  out = cs_catalog_alloc (self, c->n_legs * sizeof (CsCorridorLeg));
  c->legs = out;
  for (guint i = 0; i < c->n_legs && r->error == NULL; i++)
    {
      JsonNode *ln = json_array_get_element (legs, i);
      Reader lr = { self, NULL, NULL };
      CsCorridorLeg *leg = &out[i];
      JsonNode *days;

      if (!JSON_NODE_HOLDS_OBJECT (ln))
        {
          reader_fail (r, "legs", _("a list of objects"));
          break;
        }
      lr.obj = json_node_get_object (ln);
      leg->modes = r_strv (&lr, "modes");
      leg->from = r_strv (&lr, "from");
      leg->to = r_strv (&lr, "to");
      leg->typical_days = r_num (&lr, "typical_days");
      leg->reefer_power = r_bool (&lr, "reefer_power", TRUE);
      leg->dg_allowed = r_bool (&lr, "dg_allowed", TRUE);
      leg->max_gross_kg = r_num (&lr, "max_gross_kg");
      leg->optional = r_bool (&lr, "optional", FALSE);
      leg->verify = r_bool (&lr, "verify", FALSE);
      leg->note = r_str (&lr, "note");
      if (leg->modes == NULL || leg->modes[0] == NULL)
        reader_fail (&lr, "modes", _("a non-empty list of modes"));
      if (!cs_num_is_set (leg->typical_days) || leg->typical_days < 0)
        reader_fail (&lr, "typical_days", _("a number of days"));
      days = json_object_get_member (lr.obj, "to_days");
      if (leg->to != NULL)
        {
          guint n = g_strv_length ((char **) leg->to);
          double *td = cs_catalog_alloc (self, (n + 1) * sizeof (double));

          for (guint k = 0; k < n; k++)
            td[k] = NAN;
          if (days != NULL && JSON_NODE_HOLDS_OBJECT (days))
            {
              JsonObject *dobj = json_node_get_object (days);

              for (guint k = 0; k < n; k++)
                if (json_object_has_member (dobj, leg->to[k]))
                  td[k] = json_object_get_double_member (dobj, leg->to[k]);
            }
          else if (days != NULL)
            reader_fail (&lr, "to_days", _("an object of LOCODE: days"));
          leg->to_days = td;
        }
      if (lr.error)
        {
          r->error = g_strdup_printf ("legs[%u]: %s", i, lr.error);
          g_free (lr.error);
        }
    }
  if (r->error)
    return FALSE;
  if (!g_hash_table_contains (self->corridors_by_id, id))
    g_ptr_array_add (self->corridors, c);
  else
    for (guint i = 0; i < self->corridors->len; i++)
      if (((CsCorridor *) self->corridors->pdata[i])->id == id)
        self->corridors->pdata[i] = c;
  g_hash_table_insert (self->corridors_by_id, (gpointer) id, c);
  return TRUE;
}

static gboolean
build_code (Reader *r, const char *id, GHashTable *table, GPtrArray *list)
{
  CsCode *c = CATALOG_NEW (r->catalog, CsCode);

  c->code = id;
  c->name = r_required_str (r, "name");
  c->name_zh = r_str (r, "name_zh");
  c->source = r_str (r, "source");
  if (r->error)
    return FALSE;
  g_hash_table_insert (table, (gpointer) id, c);
  g_ptr_array_add (list, c);
  return TRUE;
}

static gboolean
build_package (Reader *r, const char *id)
{
  return build_code (r, id, r->catalog->packages, r->catalog->package_list);
}

static gboolean
build_unit (Reader *r, const char *id)
{
  return build_code (r, id, r->catalog->units, r->catalog->unit_list);
}

static gboolean
build_size_type (Reader *r, const char *id)
{
  CsSizeType *s = CATALOG_NEW (r->catalog, CsSizeType);
  double len;

  s->code = id;
  s->name = r_required_str (r, "name");
  s->name_zh = r_str (r, "name_zh");
  len = r_num (r, "length_ft");
  s->length_ft = cs_num_is_set (len) ? (int) len : 0;
  s->reefer = r_bool (r, "reefer", FALSE);
  s->tare_kg = r_num (r, "tare_kg");
  s->max_gross_kg = r_num (r, "max_gross_kg");
  s->tare_min_kg = r_num (r, "tare_min_kg");
  s->tare_max_kg = r_num (r, "tare_max_kg");
  s->verify = r_bool (r, "verify", FALSE);
  s->source = r_str (r, "source");
  if (r->error)
    return FALSE;
  g_hash_table_insert (r->catalog->size_types, (gpointer) id, s);
  g_ptr_array_add (r->catalog->size_type_list, s);
  return TRUE;
}

static gboolean
build_band (Reader *r, const char *id)
{
  CsCatalog *self = r->catalog;
  CsReeferBand *b = CATALOG_NEW (self, CsReeferBand);

  b->id = id;
  b->name = r_required_str (r, "name");
  b->name_zh = r_str (r, "name_zh");
  b->aliases = r_strv (r, "aliases");
  b->hs_prefixes = r_strv (r, "hs_prefixes");
  b->reefer = r_bool (r, "reefer", TRUE);
  b->frozen = r_bool (r, "frozen", FALSE);
  b->min_c = r_num (r, "min_c");
  b->max_c = r_num (r, "max_c");
  b->humidity_min_pct = r_num (r, "humidity_min_pct");
  b->humidity_max_pct = r_num (r, "humidity_max_pct");
  b->ethylene = r_str (r, "ethylene");
  b->verify = r_bool (r, "verify", FALSE);
  b->source = r_str (r, "source");
  if (b->ethylene && g_strcmp0 (b->ethylene, "producer") != 0 && g_strcmp0 (b->ethylene, "sensitive") != 0)
    reader_fail (r, "ethylene", "producer or sensitive");
  if (r->error)
    return FALSE;
  g_hash_table_insert (self->bands_by_name, g_ascii_strdown (id, -1), b);
  g_hash_table_insert (self->bands_by_name, g_ascii_strdown (b->name, -1), b);
  for (guint i = 0; b->aliases && b->aliases[i]; i++)
    g_hash_table_insert (self->bands_by_name, g_ascii_strdown (b->aliases[i], -1), b);
  for (guint i = 0; b->hs_prefixes && b->hs_prefixes[i]; i++)
    g_hash_table_insert (self->bands_by_hs, (gpointer) b->hs_prefixes[i], b);
  g_ptr_array_add (self->band_list, b);
  return TRUE;
}

static gboolean
build_hs (Reader *r, const char *id)
{
  CsCatalog *self = r->catalog;
  CsHsEntry *h = CATALOG_NEW (self, CsHsEntry);
  gsize len = strlen (id);

  h->code = id;
  h->title = r_required_str (r, "title");
  h->title_zh = r_str (r, "title_zh");
  h->categories = r_strv (r, "categories");
  h->note = r_str (r, "note");
  h->source = r_str (r, "source");
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (id[i]))
      len = 0;
  if (len != 2 && len != 4 && len != 6 && len != 8 && len != 10)
    reader_fail (r, "id", _("2, 4, 6, 8 or 10 digits"));
  if (r->error)
    return FALSE;
  if (len == 2)
    self->chapters[(id[0] - '0') * 10 + (id[1] - '0')] = h;
  else
    {
      g_hash_table_insert (self->hs_headings, (gpointer) id, h);
      g_ptr_array_add (self->heading_list, h);
    }
  return TRUE;
}

static gboolean
build_document (Reader *r, const char *id)
{
  CsDocumentKind *d = CATALOG_NEW (r->catalog, CsDocumentKind);

  d->id = id;
  d->title = r_required_str (r, "title");
  d->title_zh = r_str (r, "title_zh");
  d->validity_days = r_num (r, "validity_days");
  d->verify = r_bool (r, "verify", FALSE);
  d->source = r_str (r, "source");
  if (r->error)
    return FALSE;
  g_hash_table_insert (r->catalog->documents, (gpointer) id, d);
  g_ptr_array_add (r->catalog->document_list, d);
  return TRUE;
}

static gboolean
build_incoterm (Reader *r, const char *id)
{
  CsIncotermEntry *e = CATALOG_NEW (r->catalog, CsIncotermEntry);

  e->code = id;
  e->name = r_required_str (r, "name");
  e->name_zh = r_str (r, "name_zh");
  e->sea_only = r_bool (r, "sea_only", FALSE);
  e->source = r_str (r, "source");
  if (r->error)
    return FALSE;
  g_hash_table_insert (r->catalog->incoterms, (gpointer) id, e);
  g_ptr_array_add (r->catalog->incoterm_list, e);
  return TRUE;
}

static gboolean
build_currency_units (Reader *r, const char *id)
{
  CsCurrency *c = g_hash_table_lookup (r->catalog->currencies, id);
  double mu = r_num (r, "minor_units");

  if (!cs_num_is_set (mu) || mu < 0 || mu > 4 || mu != floor (mu))
    reader_fail (r, "minor_units", _("a whole number from 0 to 4"));
  if (r->error)
    return FALSE;
  if (c == NULL)
    {
      /* a currency iso-codes does not list (yet): keep it, named by its code */
      c = CATALOG_NEW (r->catalog, CsCurrency);
      c->code = id;
      c->name = id;
      g_hash_table_insert (r->catalog->currencies, (gpointer) id, c);
      g_ptr_array_add (r->catalog->currency_list, c);
    }
  c->minor_units = (int) mu;
  return TRUE;
}

static gboolean
build_preference (Reader *r, const char *id)
{
  CsPreference *p = CATALOG_NEW (r->catalog, CsPreference);

  p->id = id;
  p->document = r_required_str (r, "document");
  p->members = r_strv (r, "members");
  p->source = r_str (r, "source");
  if (p->members == NULL)
    reader_fail (r, "members", _("a list of countries"));
  if (r->error)
    return FALSE;
  g_hash_table_insert (r->catalog->preferences, (gpointer) id, p);
  return TRUE;
}

static gboolean
build_dg (Reader *r, const char *id)
{
  CsDgRule *d = CATALOG_NEW (r->catalog, CsDgRule);

  d->id = id;
  d->kind = r_required_str (r, "kind");
  d->powertrains = r_strv (r, "powertrains");
  d->battery = r_str (r, "battery");
  d->chemistry = r_str (r, "chemistry");
  d->un_numbers = r_strv (r, "un_numbers");
  d->forbidden_un = r_strv (r, "forbidden_un");
  d->dg_class = r_str (r, "class");
  d->modes = r_strv (r, "modes");
  d->from_date = r_date (r, "from_date");
  d->until_date = r_date (r, "until_date");
  d->verify = r_bool (r, "verify", FALSE);
  d->source = r_str (r, "source");
  if (d->un_numbers == NULL || d->un_numbers[0] == NULL)
    reader_fail (r, "un_numbers", _("a non-empty list of UN numbers"));
  if (g_strcmp0 (d->kind, "vehicle") != 0 && g_strcmp0 (d->kind, "battery") != 0)
    reader_fail (r, "kind", "vehicle or battery");
  if (r->error)
    return FALSE;
  g_ptr_array_add (r->catalog->dg_rules, d);
  return TRUE;
}

static gboolean
build_requirement (Reader *r, const char *id)
{
  CsRequirement *q = CATALOG_NEW (r->catalog, CsRequirement);
  const char *scope;

  q->id = id;
  q->rule = r_required_str (r, "rule");
  q->document = r_required_str (r, "document");
  scope = r_str (r, "scope");
  if (g_strcmp0 (scope, "item") == 0)
    q->scope = CS_REQUIREMENT_ITEM;
  else if (scope == NULL || g_strcmp0 (scope, "manifest") == 0)
    q->scope = CS_REQUIREMENT_MANIFEST;
  else
    reader_fail (r, "scope", "manifest or item");
  q->direction = r_str (r, "direction");
  q->preference = r_str (r, "preference");
  q->dg = r_bool (r, "dg", FALSE);
  q->categories = r_strv (r, "categories");
  q->hs_prefixes = r_strv (r, "hs_prefixes");
  q->powertrains = r_strv (r, "powertrains");
  q->conditions = r_strv (r, "conditions");
  q->origin_countries = r_strv (r, "origin_countries");
  q->from_date = r_date (r, "from_date");
  q->verify = r_bool (r, "verify", FALSE);
  q->title = r_str (r, "title");
  q->source = r_str (r, "source");
  if (r->error)
    return FALSE;
  g_ptr_array_add (r->catalog->requirements, q);
  return TRUE;
}

typedef gboolean (*BuildFunc) (Reader *r, const char *id);

static BuildFunc
builder_for (const char *file)
{
  static const struct { const char *file; BuildFunc func; } table[] = {
    { "rules.json", build_rule }, { "params.json", build_param },
    { "locodes.json", build_locode }, { "corridors.json", build_corridor },
    { "packages.json", build_package }, { "units.json", build_unit },
    { "size_types.json", build_size_type }, { "reefer_bands.json", build_band },
    { "hs.json", build_hs }, { "documents.json", build_document },
    { "incoterms.json", build_incoterm }, { "currencies.json", build_currency_units },
    { "preferences.json", build_preference }, { "dg.json", build_dg },
    { "requirements.json", build_requirement },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (strcmp (table[i].file, file) == 0)
      return table[i].func;
  g_assert_not_reached ();
  return NULL;
}

/* ---- loading files ------------------------------------------------------------------------- */

/* Parses a catalog file into its "entries" array. */
static JsonArray *
parse_entries (const char  *name,
               const char  *data,
               gsize        length,
               JsonParser **parser_out,
               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonNode *entries;

  /* json-glib parses recursively: a crafted override must not exhaust the stack */
  if (!cs_json_check_depth (data, length, 64, NULL, error) ||
      !json_parser_load_from_data (parser, data, length, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (entries = json_object_get_member (json_node_get_object (root), "entries")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (entries))
    {
      g_set_error (error, CS_CATALOG_ERROR, CS_CATALOG_ERROR_INVALID,
                   _("expected an object with an “entries” list"));
      return NULL;
    }
  *parser_out = g_steal_pointer (&parser);
  return json_node_get_array (entries);
}

/* The id of an entry, or NULL. */
static const char *
entry_id (JsonNode *node)
{
  JsonNode *id;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  id = json_object_get_member (json_node_get_object (node), "id");
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING)
    return NULL;
  return g_intern_string (json_node_get_string (id));
}

/* Warnings are shown and printed: always valid UTF-8, even when a parser's message quotes the
 * broken bytes of the file it could not read (a JSON string cut inside a character). */
static void
add_warning (CsCatalog  *self,
             const char *path,
             const char *message)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", path, message);

  g_ptr_array_add (self->warnings, g_utf8_make_valid (text, -1));
}

/* json-glib's parse errors read "<data>:LINE:COL: Parse error: ..." or "LINE:COL: ...";
 * give them the file's path. */
static char *
parse_error_text (const char *path,
                  const char *message)
{
  g_autofree char *text = NULL;

  if (g_str_has_prefix (message, "<data>:"))
    text = g_strdup_printf ("%s:%s", path, message + strlen ("<data>:"));
  else if (g_ascii_isdigit (message[0]))
    text = g_strdup_printf ("%s:%s", path, message);
  else
    text = g_strdup_printf ("%s: %s", path, message);
  /* the parser quotes the bytes it stopped at, which may end inside a character */
  return g_utf8_make_valid (text, -1);
}

gboolean
cs_catalog_load_file (CsCatalog   *self,
                      const char  *name,
                      const char  *builtin_dir,
                      const char  *override_dir,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonParser) oparser = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();       /* interned ids */
  g_autoptr(GHashTable) base = g_hash_table_new (NULL, NULL);      /* id -> JsonObject */
  g_autoptr(GHashTable) merged = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) json_object_unref);
  g_autofree char *opath = NULL;
  JsonArray *entries;
  const char *data;
  gsize length;
  BuildFunc build = builder_for (name);

  if (builtin_dir != NULL)
    {
      g_autofree char *path = g_build_filename (builtin_dir, name, NULL);

      if (!g_file_get_contents (path, &contents, &length, &local))
        {
          g_set_error (error, CS_CATALOG_ERROR, CS_CATALOG_ERROR_MISSING, "%s", local->message);
          return FALSE;
        }
      data = contents;
    }
  else
    {
      g_autofree char *path = g_build_path ("/", RESOURCE_DIR, name, NULL);

      /* from our own bundle: referencing it also keeps it linked from the static library */
      bytes = g_resource_lookup_data (consign_core_get_resource (), path,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &local);
      if (bytes == NULL)
        {
          g_set_error (error, CS_CATALOG_ERROR, CS_CATALOG_ERROR_MISSING,
                       _("Built-in catalog file %s is missing: %s"), name, local->message);
          return FALSE;
        }
      data = g_bytes_get_data (bytes, &length);
    }

  entries = parse_entries (name, data, length, &parser, &local);
  if (entries == NULL)
    {
      g_set_error (error, CS_CATALOG_ERROR, CS_CATALOG_ERROR_INVALID,
                   _("Built-in catalog file %s: %s"), name, local->message);
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonNode *node = json_array_get_element (entries, i);
      const char *id = entry_id (node);

      if (id == NULL)
        {
          g_set_error (error, CS_CATALOG_ERROR, CS_CATALOG_ERROR_INVALID,
                       _("Built-in catalog file %s: entries[%u] has no “id”"), name, i);
          return FALSE;
        }
      if (!g_hash_table_contains (base, id))
        g_ptr_array_add (order, (gpointer) id);
      g_hash_table_insert (base, (gpointer) id, json_node_get_object (node));
      g_hash_table_insert (merged, (gpointer) id, json_object_ref (json_node_get_object (node)));
    }

  /* the user's override, merged by id, member by member */
  if (override_dir != NULL)
    opath = g_build_filename (override_dir, name, NULL);
  if (opath != NULL && g_file_test (opath, G_FILE_TEST_EXISTS))
    {
      g_autofree char *ocontents = NULL;
      gsize olength;
      JsonArray *oentries = NULL;

      g_clear_error (&local);
      if (!g_file_get_contents (opath, &ocontents, &olength, &local))
        add_warning (self, opath, local->message);
      else if ((oentries = parse_entries (name, ocontents, olength, &oparser, &local)) == NULL)
        {
          if (local->domain == JSON_PARSER_ERROR || local->domain == CS_JSON_ERROR)
            g_ptr_array_add (self->warnings, parse_error_text (opath, local->message));
          else
            add_warning (self, opath, local->message);
        }
      for (guint i = 0; oentries && i < json_array_get_length (oentries); i++)
        {
          JsonNode *node = json_array_get_element (oentries, i);
          const char *id = entry_id (node);
          JsonObject *oobj, *copy;
          JsonObject *prev;
          g_autoptr(GList) members = NULL;

          if (id == NULL)
            {
              g_autofree char *msg = g_strdup_printf (_("entries[%u] has no “id”; ignored"), i);
              add_warning (self, opath, msg);
              continue;
            }
          oobj = json_node_get_object (node);
          if (json_object_has_member (oobj, "remove") &&
              json_object_get_boolean_member_with_default (oobj, "remove", FALSE))
            {
              g_hash_table_remove (merged, id);
              continue;
            }
          copy = json_object_new ();
          prev = g_hash_table_lookup (merged, id);
          if (prev != NULL)
            {
              members = json_object_get_members (prev);
              for (GList *l = members; l; l = l->next)
                json_object_set_member (copy, l->data, json_node_copy (json_object_get_member (prev, l->data)));
              g_clear_pointer (&members, g_list_free);
            }
          else
            g_ptr_array_add (order, (gpointer) id);
          members = json_object_get_members (oobj);
          for (GList *l = members; l; l = l->next)
            json_object_set_member (copy, l->data, json_node_copy (json_object_get_member (oobj, l->data)));
          g_hash_table_insert (merged, (gpointer) id, copy);
        }
    }

  for (guint i = 0; i < order->len; i++)
    {
      const char *id = order->pdata[i];
      JsonObject *obj = g_hash_table_lookup (merged, id);
      JsonObject *orig = g_hash_table_lookup (base, id);
      Reader r = { self, obj, NULL };

      if (obj == NULL)
        continue;   /* removed */
      if (build (&r, id))
        continue;
      if (obj == orig)
        {
          g_set_error (error, CS_CATALOG_ERROR, CS_CATALOG_ERROR_INVALID,
                       _("Built-in catalog file %s: entry “%s”: %s"), name, id, r.error);
          g_free (r.error);
          return FALSE;
        }
      /* a bad override entry: report it and keep the built-in one, if any */
      {
        g_autofree char *msg = g_strdup_printf (_("entry “%s”: %s; ignored"), id, r.error);

        add_warning (self, opath, msg);
        g_clear_pointer (&r.error, g_free);
      }
      if (orig != NULL)
        {
          Reader rb = { self, orig, NULL };

          if (!build (&rb, id))
            {
              g_set_error (error, CS_CATALOG_ERROR, CS_CATALOG_ERROR_INVALID,
                           _("Built-in catalog file %s: entry “%s”: %s"), name, id, rb.error);
              g_free (rb.error);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* ---- iso-codes ----------------------------------------------------------------------------- */

/* Translations from a gettext .mo file (little- or big-endian), or NULL when unreadable. */
static GHashTable *
read_mo (const char *path)
{
  g_autofree char *data = NULL;
  gsize len;
  guint32 magic, n, orig, trans;
  gboolean swap;
  GHashTable *table;

#define MO_U32(off) (swap ? GUINT32_SWAP_LE_BE (*(guint32 *) (gpointer) (data + (off))) : *(guint32 *) (gpointer) (data + (off)))
  if (!g_file_get_contents (path, &data, &len, NULL) || len < 28)
    return NULL;
  memcpy (&magic, data, 4);
  if (magic == 0x950412de)
    swap = FALSE;
  else if (magic == 0xde120495)
    swap = TRUE;
  else
    return NULL;
  n = MO_U32 (8);
  orig = MO_U32 (12);
  trans = MO_U32 (16);
  if ((guint64) orig + 8ull * n > len || (guint64) trans + 8ull * n > len)
    return NULL;
  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint32 i = 0; i < n; i++)
    {
      guint32 ol = MO_U32 (orig + 8 * i), oo = MO_U32 (orig + 8 * i + 4);
      guint32 tl = MO_U32 (trans + 8 * i), to = MO_U32 (trans + 8 * i + 4);

      if ((guint64) oo + ol >= len || (guint64) to + tl >= len || ol == 0)
        continue;
      g_hash_table_insert (table, g_strndup (data + oo, ol), g_strndup (data + to, tl));
    }
#undef MO_U32
  return table;
}

static JsonArray *
load_iso_array (const char  *dir,
                const char  *file,
                const char  *key,
                JsonParser **parser_out,
                GError     **error)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  JsonNode *root, *arr;

  if (!json_parser_load_from_file (parser, path, &local))
    {
      g_set_error (error, CS_CATALOG_ERROR, CS_CATALOG_ERROR_MISSING,
                   _("Cannot read %s (is the iso-codes package installed?): %s"), path, local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (arr = json_object_get_member (json_node_get_object (root), key)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (arr))
    {
      g_set_error (error, CS_CATALOG_ERROR, CS_CATALOG_ERROR_INVALID,
                   _("%s: expected an object with a “%s” list"), path, key);
      return NULL;
    }
  *parser_out = g_steal_pointer (&parser);
  return json_node_get_array (arr);
}

static const char *
iso_string (JsonObject *obj,
            const char *key)
{
  JsonNode *n = json_object_get_member (obj, key);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static const char *
intern_translation (GHashTable *mo,
                    const char *msgid)
{
  const char *t = mo ? g_hash_table_lookup (mo, msgid) : NULL;

  return t ? g_intern_string (t) : NULL;
}

gboolean
cs_catalog_load_iso_codes (CsCatalog   *self,
                           const char  *dir,
                           GError     **error)
{
  g_autoptr(JsonParser) cparser = NULL;
  g_autoptr(JsonParser) mparser = NULL;
  g_autoptr(GHashTable) mo_countries = read_mo ("/usr/share/locale/zh_CN/LC_MESSAGES/iso_3166-1.mo");
  g_autoptr(GHashTable) mo_currencies = read_mo ("/usr/share/locale/zh_CN/LC_MESSAGES/iso_4217.mo");
  JsonArray *countries, *currencies;

  bind_textdomain_codeset ("iso_3166-1", "UTF-8");
  bind_textdomain_codeset ("iso_4217", "UTF-8");

  countries = load_iso_array (dir, "iso_3166-1.json", "3166-1", &cparser, error);
  if (countries == NULL)
    return FALSE;
  currencies = load_iso_array (dir, "iso_4217.json", "4217", &mparser, error);
  if (currencies == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (countries); i++)
    {
      JsonObject *o = json_array_get_object_element (countries, i);
      const char *a2 = o ? iso_string (o, "alpha_2") : NULL;
      const char *name = o ? iso_string (o, "name") : NULL;
      CsCountry *c;

      if (a2 == NULL || name == NULL)
        continue;
      c = CATALOG_NEW (self, CsCountry);
      c->code = g_intern_string (a2);
      c->alpha3 = g_intern_string (iso_string (o, "alpha_3"));
      c->name_en = g_intern_string (name);
      c->name = g_intern_string (g_dgettext ("iso_3166-1", name));
      c->name_zh = intern_translation (mo_countries, name);
      g_hash_table_insert (self->countries, (gpointer) c->code, c);
      g_ptr_array_add (self->country_list, c);
    }
  for (guint i = 0; i < json_array_get_length (currencies); i++)
    {
      JsonObject *o = json_array_get_object_element (currencies, i);
      const char *a3 = o ? iso_string (o, "alpha_3") : NULL;
      const char *name = o ? iso_string (o, "name") : NULL;
      CsCurrency *c;

      if (a3 == NULL || name == NULL)
        continue;
      c = CATALOG_NEW (self, CsCurrency);
      c->code = g_intern_string (a3);
      c->name = g_intern_string (g_dgettext ("iso_4217", name));
      c->name_zh = intern_translation (mo_currencies, name);
      c->minor_units = -1;
      g_hash_table_insert (self->currencies, (gpointer) c->code, c);
      g_ptr_array_add (self->currency_list, c);
    }
  return TRUE;
}
