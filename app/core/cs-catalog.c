/* cs-catalog.c: reference data from resources/catalog/ JSON files, iso-codes and user overrides */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cs-catalog.h"
#include "cs-finding.h"
#include "cs-record.h"
#include "consign-core-resources.h"

#define ISO_CODES_DIR "/usr/share/iso-codes/json"
#define RESOURCE_DIR  RESOURCE_BASE "/catalog"

G_DEFINE_QUARK (cs-catalog-error-quark, cs_catalog_error)

/* The files of the catalog, in loading order. */
static const char * const catalog_files[] = {
  "rules.json", "params.json", "locodes.json", "corridors.json", "packages.json", "units.json",
  "size_types.json", "reefer_bands.json", "hs.json", "documents.json", "incoterms.json",
  "currencies.json", "preferences.json", "dg.json", "requirements.json",
};

/* ---- CsCatalogEntry ------------------------------------------------------------------------ */

struct _CsCatalogEntry
{
  GObject     parent_instance;
  const char *code, *name, *name_zh;   /* interned */
  char       *detail;
};

G_DEFINE_FINAL_TYPE (CsCatalogEntry, cs_catalog_entry, G_TYPE_OBJECT)

enum { ENTRY_PROP_0, ENTRY_PROP_CODE, ENTRY_PROP_NAME, ENTRY_PROP_NAME_ZH, ENTRY_PROP_DETAIL, ENTRY_N_PROPS };
static GParamSpec *entry_props[ENTRY_N_PROPS];

static void
cs_catalog_entry_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CsCatalogEntry *self = CS_CATALOG_ENTRY (object);

  switch (prop_id)
    {
    case ENTRY_PROP_CODE: g_value_set_static_string (value, self->code); break;
    case ENTRY_PROP_NAME: g_value_set_static_string (value, self->name); break;
    case ENTRY_PROP_NAME_ZH: g_value_set_static_string (value, self->name_zh); break;
    case ENTRY_PROP_DETAIL: g_value_set_string (value, self->detail); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_catalog_entry_finalize (GObject *object)
{
  g_free (CS_CATALOG_ENTRY (object)->detail);
  G_OBJECT_CLASS (cs_catalog_entry_parent_class)->finalize (object);
}

static void
cs_catalog_entry_class_init (CsCatalogEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = cs_catalog_entry_get_property;
  object_class->finalize = cs_catalog_entry_finalize;
  entry_props[ENTRY_PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  entry_props[ENTRY_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  entry_props[ENTRY_PROP_NAME_ZH] = g_param_spec_string ("name-zh", NULL, NULL, NULL, flags);
  entry_props[ENTRY_PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, ENTRY_N_PROPS, entry_props);
}

static void
cs_catalog_entry_init (CsCatalogEntry *self)
{
}

static CsCatalogEntry *
entry_new (const char *code,
           const char *name,
           const char *name_zh,
           char       *detail)   /* taken */
{
  CsCatalogEntry *self = g_object_new (CS_TYPE_CATALOG_ENTRY, NULL);

  self->code = g_intern_string (code);
  self->name = g_intern_string (name ? name : "");
  self->name_zh = g_intern_string (name_zh ? name_zh : "");
  self->detail = detail ? detail : g_strdup ("");
  return self;
}

const char *
cs_catalog_entry_get_code (CsCatalogEntry *self)
{
  g_return_val_if_fail (CS_IS_CATALOG_ENTRY (self), NULL);
  return self->code;
}

const char *
cs_catalog_entry_get_name (CsCatalogEntry *self)
{
  g_return_val_if_fail (CS_IS_CATALOG_ENTRY (self), NULL);
  return self->name;
}

const char *
cs_catalog_entry_get_name_zh (CsCatalogEntry *self)
{
  g_return_val_if_fail (CS_IS_CATALOG_ENTRY (self), NULL);
  return self->name_zh;
}

const char *
cs_catalog_entry_get_detail (CsCatalogEntry *self)
{
  g_return_val_if_fail (CS_IS_CATALOG_ENTRY (self), NULL);
  return self->detail;
}

/* ---- CsCatalog ----------------------------------------------------------------------------- */

typedef struct
{
  int    severity;     /* CsSeverity or -1 = off */
  gboolean has_severity;
  const char *title;
} RuleSetting;

struct _CsCatalog
{
  GObject     parent_instance;

  GPtrArray  *warnings;          /* char * */
  GPtrArray  *allocs;            /* freed at finalize */

  GHashTable *rules;             /* id -> RuleSetting */
  GHashTable *params;            /* name -> double * */
  GHashTable *locodes, *corridors_by_id, *packages, *units, *size_types, *bands_by_name,
             *bands_by_hs, *hs_headings, *documents, *incoterms, *currencies, *countries,
             *preferences;
  GPtrArray  *corridors;         /* CsCorridor *, file order */
  GPtrArray  *requirements, *dg_rules;
  GPtrArray  *locode_list, *package_list, *unit_list, *size_type_list, *band_list,
             *heading_list, *document_list, *incoterm_list, *currency_list, *country_list,
             *rule_ids;
  const CsHsEntry *chapters[100];

  GHashTable *lists;             /* kind -> GListStore */
};

G_DEFINE_FINAL_TYPE (CsCatalog, cs_catalog, G_TYPE_OBJECT)

static void
cs_catalog_finalize (GObject *object)
{
  CsCatalog *self = CS_CATALOG (object);

  g_ptr_array_unref (self->warnings);
  g_hash_table_unref (self->rules);
  g_hash_table_unref (self->params);
  g_hash_table_unref (self->locodes);
  g_hash_table_unref (self->corridors_by_id);
  g_hash_table_unref (self->packages);
  g_hash_table_unref (self->units);
  g_hash_table_unref (self->size_types);
  g_hash_table_unref (self->bands_by_name);
  g_hash_table_unref (self->bands_by_hs);
  g_hash_table_unref (self->hs_headings);
  g_hash_table_unref (self->documents);
  g_hash_table_unref (self->incoterms);
  g_hash_table_unref (self->currencies);
  g_hash_table_unref (self->countries);
  g_hash_table_unref (self->preferences);
  g_ptr_array_unref (self->corridors);
  g_ptr_array_unref (self->requirements);
  g_ptr_array_unref (self->dg_rules);
  g_ptr_array_unref (self->locode_list);
  g_ptr_array_unref (self->package_list);
  g_ptr_array_unref (self->unit_list);
  g_ptr_array_unref (self->size_type_list);
  g_ptr_array_unref (self->band_list);
  g_ptr_array_unref (self->heading_list);
  g_ptr_array_unref (self->document_list);
  g_ptr_array_unref (self->incoterm_list);
  g_ptr_array_unref (self->currency_list);
  g_ptr_array_unref (self->country_list);
  g_ptr_array_unref (self->rule_ids);
  g_hash_table_unref (self->lists);
  g_ptr_array_unref (self->allocs);

  G_OBJECT_CLASS (cs_catalog_parent_class)->finalize (object);
}

static void
cs_catalog_class_init (CsCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_catalog_finalize;
}

static void
cs_catalog_init (CsCatalog *self)
{
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->allocs = g_ptr_array_new_with_free_func (g_free);
  self->rules = g_hash_table_new (NULL, NULL);
  self->params = g_hash_table_new (NULL, NULL);
  self->locodes = g_hash_table_new (g_str_hash, g_str_equal);
  self->corridors_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->packages = g_hash_table_new (g_str_hash, g_str_equal);
  self->units = g_hash_table_new (g_str_hash, g_str_equal);
  self->size_types = g_hash_table_new (g_str_hash, g_str_equal);
  self->bands_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->bands_by_hs = g_hash_table_new (g_str_hash, g_str_equal);
  self->hs_headings = g_hash_table_new (g_str_hash, g_str_equal);
  self->documents = g_hash_table_new (g_str_hash, g_str_equal);
  self->incoterms = g_hash_table_new (g_str_hash, g_str_equal);
  self->currencies = g_hash_table_new (g_str_hash, g_str_equal);
  self->countries = g_hash_table_new (g_str_hash, g_str_equal);
  self->preferences = g_hash_table_new (g_str_hash, g_str_equal);
  self->corridors = g_ptr_array_new ();
  self->requirements = g_ptr_array_new ();
  self->dg_rules = g_ptr_array_new ();
  self->locode_list = g_ptr_array_new ();
  self->package_list = g_ptr_array_new ();
  self->unit_list = g_ptr_array_new ();
  self->size_type_list = g_ptr_array_new ();
  self->band_list = g_ptr_array_new ();
  self->heading_list = g_ptr_array_new ();
  self->document_list = g_ptr_array_new ();
  self->incoterm_list = g_ptr_array_new ();
  self->currency_list = g_ptr_array_new ();
  self->country_list = g_ptr_array_new ();
  self->rule_ids = g_ptr_array_new ();
  self->lists = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
}

static gpointer
catalog_alloc (CsCatalog *self,
               gsize      size)
{
  gpointer p = g_malloc0 (size);

  g_ptr_array_add (self->allocs, p);
  return p;
}

#define CATALOG_NEW(self, T) ((T *) catalog_alloc ((self), sizeof (T)))

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
  out = catalog_alloc (r->catalog, (n + 1) * sizeof (char *));
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
  out = catalog_alloc (self, c->n_legs * sizeof (CsCorridorLeg));
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
          double *td = catalog_alloc (self, (n + 1) * sizeof (double));

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

  if (!json_parser_load_from_data (parser, data, length, error))
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

static void
add_warning (CsCatalog  *self,
             const char *path,
             const char *message)
{
  g_ptr_array_add (self->warnings, g_strdup_printf ("%s: %s", path, message));
}

/* json-glib's parse errors read "<data>:LINE:COL: Parse error: ..." or "LINE:COL: ...";
 * give them the file's path. */
static char *
parse_error_text (const char *path,
                  const char *message)
{
  if (g_str_has_prefix (message, "<data>:"))
    return g_strdup_printf ("%s:%s", path, message + strlen ("<data>:"));
  if (g_ascii_isdigit (message[0]))
    return g_strdup_printf ("%s:%s", path, message);
  return g_strdup_printf ("%s: %s", path, message);
}

static gboolean
load_file (CsCatalog   *self,
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
          if (local->domain == JSON_PARSER_ERROR)
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

static gboolean
load_iso_codes (CsCatalog   *self,
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

/* ---- construction -------------------------------------------------------------------------- */

char *
cs_catalog_default_override_dir (void)
{
  return g_build_filename (g_get_user_config_dir (), "consign", "catalog", NULL);
}

CsCatalog *
cs_catalog_new_full (const char  *builtin_dir,
                     const char  *override_dir,
                     const char  *iso_codes_dir,
                     GError     **error)
{
  g_autoptr(CsCatalog) self = g_object_new (CS_TYPE_CATALOG, NULL);

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* countries and currencies first: currencies.json adds minor units to them */
  if (!load_iso_codes (self, iso_codes_dir ? iso_codes_dir : ISO_CODES_DIR, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (catalog_files); i++)
    if (!load_file (self, catalog_files[i], builtin_dir, override_dir, error))
      return NULL;
  return g_steal_pointer (&self);
}

CsCatalog *
cs_catalog_new_from_dir (const char  *dir,
                         GError     **error)
{
  g_return_val_if_fail (dir != NULL, NULL);
  return cs_catalog_new_full (dir, NULL, NULL, error);
}

CsCatalog *
cs_catalog_new_default (GError **error)
{
  g_autofree char *overrides = cs_catalog_default_override_dir ();

  return cs_catalog_new_full (NULL, overrides, NULL, error);
}

GPtrArray *
cs_catalog_get_warnings (CsCatalog *self)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  return self->warnings;
}

/* ---- lookups ------------------------------------------------------------------------------- */

#define LOOKUP(table, key) ((key) ? g_hash_table_lookup ((table), (key)) : NULL)

const CsCorridor *
cs_catalog_get_corridor (CsCatalog *self, const char *id)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  return LOOKUP (self->corridors_by_id, id);
}

const CsCorridor **
cs_catalog_get_corridors (CsCatalog *self, guint *n_corridors)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  if (n_corridors)
    *n_corridors = self->corridors->len;
  return (const CsCorridor **) self->corridors->pdata;
}

const CsLocode *
cs_catalog_get_locode (CsCatalog *self, const char *code)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  return LOOKUP (self->locodes, code);
}

const CsCode *
cs_catalog_get_package (CsCatalog *self, const char *code)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  return LOOKUP (self->packages, code);
}

const CsCode *
cs_catalog_get_unit (CsCatalog *self, const char *code)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  return LOOKUP (self->units, code);
}

const CsSizeType *
cs_catalog_get_size_type (CsCatalog *self, const char *code)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  return LOOKUP (self->size_types, code);
}

const CsReeferBand *
cs_catalog_get_reefer_band (CsCatalog *self, const char *product)
{
  char buf[64];
  gsize len;

  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  if (product == NULL)
    return NULL;
  len = strlen (product);
  if (len >= sizeof buf)
    return NULL;
  for (gsize i = 0; i <= len; i++)
    buf[i] = g_ascii_tolower (product[i]);
  g_strstrip (buf);
  return g_hash_table_lookup (self->bands_by_name, buf);
}

const CsReeferBand *
cs_catalog_get_reefer_band_for_hs (CsCatalog *self, const char *hs_digits)
{
  char buf[16];
  gsize len;

  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  if (hs_digits == NULL)
    return NULL;
  len = MIN (strlen (hs_digits), sizeof buf - 1);
  memcpy (buf, hs_digits, len);
  for (gsize l = len; l >= 2; l--)
    {
      const CsReeferBand *b;

      buf[l] = '\0';
      if ((b = g_hash_table_lookup (self->bands_by_hs, buf)) != NULL)
        return b;
    }
  return NULL;
}

const CsHsEntry *
cs_catalog_get_hs_chapter (CsCatalog *self, int chapter)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  if (chapter < 0 || chapter > 99)
    return NULL;
  return self->chapters[chapter];
}

const CsHsEntry *
cs_catalog_get_hs_heading (CsCatalog *self, const char *hs_digits)
{
  char buf[16];
  gsize len;

  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  if (hs_digits == NULL)
    return NULL;
  len = MIN (strlen (hs_digits), 10);
  memcpy (buf, hs_digits, len);
  for (gsize l = len; l >= 4; l--)
    {
      const CsHsEntry *h;

      buf[l] = '\0';
      if ((h = g_hash_table_lookup (self->hs_headings, buf)) != NULL)
        return h;
    }
  return NULL;
}

const char * const *
cs_catalog_hs_categories (CsCatalog *self, const char *hs_digits)
{
  char buf[16];
  gsize len;
  const CsHsEntry *ch;

  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  if (hs_digits == NULL)
    return NULL;
  len = MIN (strlen (hs_digits), 10);
  memcpy (buf, hs_digits, len);
  for (gsize l = len; l >= 4; l--)
    {
      const CsHsEntry *h;

      buf[l] = '\0';
      if ((h = g_hash_table_lookup (self->hs_headings, buf)) != NULL && h->categories != NULL)
        return h->categories;
    }
  if (len < 2 || !g_ascii_isdigit (hs_digits[0]) || !g_ascii_isdigit (hs_digits[1]))
    return NULL;
  ch = self->chapters[(hs_digits[0] - '0') * 10 + (hs_digits[1] - '0')];
  return ch ? ch->categories : NULL;
}

const CsDocumentKind *
cs_catalog_get_document_kind (CsCatalog *self, const char *id)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  return LOOKUP (self->documents, id);
}

const CsIncotermEntry *
cs_catalog_get_incoterm (CsCatalog *self, const char *code)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  return LOOKUP (self->incoterms, code);
}

const CsCurrency *
cs_catalog_get_currency (CsCatalog *self, const char *code)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  return LOOKUP (self->currencies, code);
}

const CsCountry *
cs_catalog_get_country (CsCatalog *self, const char *alpha2)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  return LOOKUP (self->countries, alpha2);
}

const CsPreference *
cs_catalog_get_preference (CsCatalog *self, const char *id)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  return LOOKUP (self->preferences, id);
}

const CsRequirement **
cs_catalog_get_requirements (CsCatalog *self, guint *n)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  *n = self->requirements->len;
  return (const CsRequirement **) self->requirements->pdata;
}

const CsDgRule **
cs_catalog_get_dg_rules (CsCatalog *self, guint *n)
{
  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  *n = self->dg_rules->len;
  return (const CsDgRule **) self->dg_rules->pdata;
}

gboolean
cs_catalog_get_rule_severity (CsCatalog  *self,
                              const char *rule,
                              int        *severity)
{
  RuleSetting *rs;

  g_return_val_if_fail (CS_IS_CATALOG (self), FALSE);
  rs = g_hash_table_lookup (self->rules, g_intern_string (rule));
  if (rs == NULL || !rs->has_severity)
    return FALSE;
  if (severity)
    *severity = rs->severity;
  return TRUE;
}

const char *
cs_catalog_get_rule_title (CsCatalog  *self,
                           const char *rule)
{
  RuleSetting *rs;

  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  rs = g_hash_table_lookup (self->rules, g_intern_string (rule));
  return rs ? rs->title : NULL;
}

double
cs_catalog_get_param (CsCatalog  *self,
                      const char *name,
                      double      fallback)
{
  double *v;

  g_return_val_if_fail (CS_IS_CATALOG (self), fallback);
  v = g_hash_table_lookup (self->params, g_intern_string (name));
  return v ? *v : fallback;
}

/* ---- lists for pickers --------------------------------------------------------------------- */

static char *
strv_join (const char * const *v,
           const char         *sep)
{
  return v ? g_strjoinv (sep, (char **) v) : g_strdup ("");
}

static char *
corridor_detail (const CsCorridor *c)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < c->n_legs; i++)
    {
      const CsCorridorLeg *leg = &c->legs[i];
      g_autofree char *modes = strv_join (leg->modes, "/");
      g_autofree char *from = strv_join (leg->from, "/");
      g_autofree char *to = strv_join (leg->to, "/");

      if (i > 0)
        g_string_append (s, " · ");
      /* TRANSLATORS: a corridor leg: modes, from → to, typical days */
      g_string_append_printf (s, _("%s %s → %s (%g d)"), modes, *from ? from : "*", *to ? to : "*",
                              leg->typical_days);
    }
  return g_string_free (s, FALSE);
}

static GListModel *
build_list (CsCatalog  *self,
            const char *kind)
{
  GListStore *store = g_list_store_new (CS_TYPE_CATALOG_ENTRY);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  if (strcmp (kind, "corridors") == 0)
    for (guint i = 0; i < self->corridors->len; i++)
      {
        const CsCorridor *c = self->corridors->pdata[i];
        g_ptr_array_add (items, entry_new (c->id, c->name, c->name_zh, corridor_detail (c)));
      }
  else if (strcmp (kind, "locodes") == 0)
    for (guint i = 0; i < self->locode_list->len; i++)
      {
        const CsLocode *l = self->locode_list->pdata[i];
        g_ptr_array_add (items, entry_new (l->code, l->name, l->name_zh,
                                           g_strdup_printf ("%s %s", l->country, l->functions)));
      }
  else if (strcmp (kind, "packages") == 0 || strcmp (kind, "units") == 0)
    {
      GPtrArray *src = kind[0] == 'p' ? self->package_list : self->unit_list;

      for (guint i = 0; i < src->len; i++)
        {
          const CsCode *c = src->pdata[i];
          g_ptr_array_add (items, entry_new (c->code, c->name, c->name_zh, NULL));
        }
    }
  else if (strcmp (kind, "size_types") == 0)
    for (guint i = 0; i < self->size_type_list->len; i++)
      {
        const CsSizeType *s = self->size_type_list->pdata[i];
        g_ptr_array_add (items, entry_new (s->code, s->name, s->name_zh,
                                           g_strdup_printf (_("tare %.0f kg, max gross %.0f kg"),
                                                            s->tare_kg, s->max_gross_kg)));
      }
  else if (strcmp (kind, "hs_chapters") == 0)
    for (guint i = 0; i < 100; i++)
      {
        const CsHsEntry *h = self->chapters[i];
        if (h)
          g_ptr_array_add (items, entry_new (h->code, h->title, h->title_zh, strv_join (h->categories, ", ")));
      }
  else if (strcmp (kind, "hs_headings") == 0)
    for (guint i = 0; i < self->heading_list->len; i++)
      {
        const CsHsEntry *h = self->heading_list->pdata[i];
        g_ptr_array_add (items, entry_new (h->code, h->title, h->title_zh, strv_join (h->categories, ", ")));
      }
  else if (strcmp (kind, "documents") == 0)
    for (guint i = 0; i < self->document_list->len; i++)
      {
        const CsDocumentKind *d = self->document_list->pdata[i];
        g_ptr_array_add (items, entry_new (d->id, d->title, d->title_zh, NULL));
      }
  else if (strcmp (kind, "incoterms") == 0)
    for (guint i = 0; i < self->incoterm_list->len; i++)
      {
        const CsIncotermEntry *e = self->incoterm_list->pdata[i];
        g_ptr_array_add (items, entry_new (e->code, e->name, e->name_zh,
                                           g_strdup (e->sea_only ? _("sea and inland waterway only") : _("any mode"))));
      }
  else if (strcmp (kind, "currencies") == 0)
    for (guint i = 0; i < self->currency_list->len; i++)
      {
        const CsCurrency *c = self->currency_list->pdata[i];
        g_ptr_array_add (items, entry_new (c->code, c->name, c->name_zh,
                                           c->minor_units >= 0 ? g_strdup_printf ("%d", c->minor_units) : NULL));
      }
  else if (strcmp (kind, "countries") == 0)
    for (guint i = 0; i < self->country_list->len; i++)
      {
        const CsCountry *c = self->country_list->pdata[i];
        g_ptr_array_add (items, entry_new (c->code, c->name, c->name_zh, g_strdup (c->alpha3)));
      }
  else if (strcmp (kind, "reefer_bands") == 0)
    for (guint i = 0; i < self->band_list->len; i++)
      {
        const CsReeferBand *b = self->band_list->pdata[i];
        char *detail = b->reefer ? g_strdup_printf (_("%g to %g °C"), b->min_c, b->max_c)
                                 : g_strdup (_("no reefer"));
        g_ptr_array_add (items, entry_new (b->id, b->name, b->name_zh, detail));
      }
  else if (strcmp (kind, "rules") == 0)
    for (guint i = 0; i < self->rule_ids->len; i++)
      {
        const char *id = self->rule_ids->pdata[i];
        RuleSetting *rs = g_hash_table_lookup (self->rules, id);
        const char *sev = NULL;

        if (rs->has_severity)
          sev = rs->severity < 0 ? "off" : cs_severity_to_string (rs->severity);
        g_ptr_array_add (items, entry_new (id, rs->title, NULL, g_strdup (sev)));
      }
  else
    {
      g_ptr_array_unref (items);
      g_object_unref (store);
      return NULL;
    }

  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  g_ptr_array_unref (items);
  return G_LIST_MODEL (store);
}

GListModel *
cs_catalog_list (CsCatalog  *self,
                 const char *kind)
{
  GListModel *model;

  g_return_val_if_fail (CS_IS_CATALOG (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  kind = g_intern_string (kind);
  model = g_hash_table_lookup (self->lists, kind);
  if (model == NULL)
    {
      model = build_list (self, kind);
      if (model == NULL)
        return NULL;
      g_hash_table_insert (self->lists, (gpointer) kind, model);
    }
  return g_object_ref (model);
}
