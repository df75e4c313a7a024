/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-field-row.c: a boxed-list row that edits one field of a record, with its own error under it */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cs-field-row.h"
#include "cs-finding-lookup.h"
#include "cs-number-text.h"
#include "cs-path-watch.h"
#include "cs-input.h"
#include "cs-path.h"
#include "cs-picker.h"
#include "cs-validator.h"

typedef struct
{
  GObject *object;
  gulong   handler;
} Hook;

struct _CsFieldRow
{
  AdwPreferencesRow parent_instance;

  GtkWidget     *title_label;
  GtkWidget     *text;
  GtkWidget     *suffix_box;
  GtkWidget     *error_label;
  GtkWidget     *unit_label;     /* "unit" after the text, made when first set */
  CsCatalog     *catalog;        /* for the picker ("catalog"), kept until it has one */

  char          *field;          /* relative dotted path, e.g. "vehicle.make" */
  char         **segments;
  const CsField *leaf;           /* resolved at bind time */

  CsRecord      *record;
  char          *json_path;
  char          *block_path;     /* a block's path whose findings show here too, or NULL */
  CsValidation  *validation;
  gulong         validation_handler;
  GArray        *hooks;          /* of Hook: notify handlers along the path */

  char          *parse_error;
  char          *finding_message;
  const char    *finding_severity;

  guint          updating : 1;   /* we are setting the text from the model */
  guint          committing : 1; /* we are writing the model from the text */
};

static void cs_field_row_editable_init (GtkEditableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CsFieldRow, cs_field_row, ADW_TYPE_PREFERENCES_ROW,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_EDITABLE, cs_field_row_editable_init))

enum {
  PROP_0,
  PROP_FIELD,
  PROP_UNIT,
  PROP_PLACEHOLDER,
  PROP_PICKER_LIST,
  PROP_CATALOG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_COMMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- value <-> text ------------------------------------------------------------ */

static CsRecord *
resolve_record (CsFieldRow *self)
{
  return self->record != NULL && self->field != NULL ? cs_path_resolve (self->record, self->field) : NULL;
}

static char *
model_text (CsFieldRow *self)
{
  CsRecord *rec = resolve_record (self);
  gpointer slot;

  if (rec == NULL || self->leaf == NULL)
    return g_strdup ("");
  slot = CS_FIELD_SLOT (rec, self->leaf);
  switch (self->leaf->kind)
    {
    case CS_FIELD_STRING:
    case CS_FIELD_ENUM:
    case CS_FIELD_DATE:
    case CS_FIELD_DATETIME:
      return g_strdup (*(const char **) slot ? *(const char **) slot : "");
    case CS_FIELD_NUMBER:
    case CS_FIELD_INTEGER:
      return cs_format_number (*(double *) slot, self->leaf->kind == CS_FIELD_INTEGER);
    case CS_FIELD_STRV:
      return *(GStrv *) slot ? g_strjoinv (", ", *(GStrv *) slot) : g_strdup ("");
    case CS_FIELD_INTV:
      {
        GArray *a = *(GArray **) slot;
        GString *s = g_string_new (NULL);

        for (guint i = 0; a != NULL && i < a->len; i++)
          g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? ", " : "",
                                  g_array_index (a, gint64, i));
        return g_string_free (s, FALSE);
      }
    case CS_FIELD_BOOLEAN:
    case CS_FIELD_RECORD:
    case CS_FIELD_LIST:
    default:
      return g_strdup ("");
    }
}

typedef struct
{
  gboolean  absent;
  double    number;
  char     *string;
  GStrv     strv;
  GArray   *intv;
} Parsed;

static void
parsed_clear (Parsed *p)
{
  g_clear_pointer (&p->string, g_free);
  g_clear_pointer (&p->strv, g_strfreev);
  g_clear_pointer (&p->intv, g_array_unref);
}

static GStrv
split_list (const char *text)
{
  g_auto(GStrv) parts = g_regex_split_simple ("[,;\\n]", text, 0, 0);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *t = g_strstrip (parts[i]);

      if (*t != '\0')
        g_ptr_array_add (out, g_strdup (t));
    }
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (out, FALSE);
}

/* Parses @text for the leaf field; on failure returns a translated message. */
static char *
parse_text (const CsField *leaf,
            const char    *text,
            Parsed        *p)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  memset (p, 0, sizeof *p);
  p->number = NAN;
  p->absent = (*trimmed == '\0');

  switch (leaf->kind)
    {
    case CS_FIELD_STRING:
      p->string = p->absent ? NULL : g_strdup (text);
      return NULL;
    case CS_FIELD_ENUM:
      if (!p->absent && !cs_field_enum_allows (leaf, trimmed))
        {
          g_autofree char *choices = g_strjoinv (", ", (char **) leaf->choices);
          return g_strdup_printf (_("Must be one of: %s"), choices);
        }
      p->string = p->absent ? NULL : g_strdup (trimmed);
      return NULL;
    case CS_FIELD_DATE:
      /* 14/05/2026 and 2026/5/14 are understood, and stored as 2026-05-14. */
      if (!p->absent && (p->string = cs_date_from_input (trimmed)) == NULL)
        return g_strdup (_("Use a date such as 2026-05-14, 14/05/2026 or 2026/5/14"));
      return NULL;
    case CS_FIELD_DATETIME:
      if (!p->absent)
        {
          g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (trimmed, NULL);

          p->string = dt != NULL ? g_strdup (trimmed) : cs_date_from_input (trimmed);
          if (p->string == NULL)
            return g_strdup (_("Use a date (2026-05-14, 14/05/2026) or an ISO 8601 date and time with a zone"));
        }
      return NULL;
    case CS_FIELD_NUMBER:
    case CS_FIELD_INTEGER:
      if (!cs_parse_number (trimmed, &p->number))
        return g_strdup (_("Not a number"));
      if (leaf->kind == CS_FIELD_INTEGER && cs_num_is_set (p->number) &&
          p->number != floor (p->number))
        return g_strdup (_("Must be a whole number"));
      return NULL;
    case CS_FIELD_STRV:
      p->strv = p->absent ? NULL : split_list (trimmed);
      return NULL;
    case CS_FIELD_INTV:
      if (!p->absent)
        {
          g_auto(GStrv) parts = split_list (trimmed);

          p->intv = g_array_new (FALSE, FALSE, sizeof (gint64));
          for (guint i = 0; parts[i] != NULL; i++)
            {
              double v;

              if (!cs_parse_number (parts[i], &v) || !cs_num_is_set (v) || v != floor (v))
                return g_strdup_printf (_("“%s” is not a whole number"), parts[i]);
              g_array_append_vals (p->intv, &(gint64) { (gint64) v }, 1);
            }
        }
      return NULL;
    case CS_FIELD_BOOLEAN:
    case CS_FIELD_RECORD:
    case CS_FIELD_LIST:
    default:
      return g_strdup (_("This field cannot be edited as text"));
    }
}

/* Canonical text of a parsed value, to compare with model_text(). */
static char *
parsed_canonical (const CsField *leaf,
                  Parsed        *p)
{
  switch (leaf->kind)
    {
    case CS_FIELD_NUMBER:
    case CS_FIELD_INTEGER:
      return cs_format_number (p->number, leaf->kind == CS_FIELD_INTEGER);
    case CS_FIELD_STRV:
      return p->strv ? g_strjoinv (", ", p->strv) : g_strdup ("");
    case CS_FIELD_INTV:
      {
        GString *s = g_string_new (NULL);

        for (guint i = 0; p->intv != NULL && i < p->intv->len; i++)
          g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? ", " : "",
                                  g_array_index (p->intv, gint64, i));
        return g_string_free (s, FALSE);
      }
    case CS_FIELD_STRING:
    case CS_FIELD_ENUM:
    case CS_FIELD_DATE:
    case CS_FIELD_DATETIME:
    case CS_FIELD_BOOLEAN:
    case CS_FIELD_RECORD:
    case CS_FIELD_LIST:
    default:
      return g_strdup (p->string ? p->string : "");
    }
}

/* ---- error display ---------------------------------------------------------------- */

static void
update_error (CsFieldRow *self)
{
  const char *message = self->parse_error ? self->parse_error : self->finding_message;
  const char *severity = self->parse_error ? "error" : self->finding_severity;

  gtk_widget_remove_css_class (self->error_label, "error");
  gtk_widget_remove_css_class (self->error_label, "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "field-error");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "field-warning");

  if (message == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->error_label), "");
      gtk_widget_set_visible (self->error_label, FALSE);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->text), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->text), GTK_ACCESSIBLE_STATE_INVALID);
      return;
    }

  gtk_label_set_text (GTK_LABEL (self->error_label), message);
  gtk_widget_set_visible (self->error_label, TRUE);
  if (g_strcmp0 (severity, "error") == 0)
    {
      gtk_widget_add_css_class (self->error_label, "error");
      gtk_widget_add_css_class (GTK_WIDGET (self), "field-error");
    }
  else if (g_strcmp0 (severity, "warning") == 0)
    {
      gtk_widget_add_css_class (self->error_label, "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self), "field-warning");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->text), GTK_ACCESSIBLE_STATE_INVALID,
                               g_strcmp0 (severity, "error") == 0 ? GTK_ACCESSIBLE_INVALID_TRUE
                                                                  : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
refresh_finding (CsFieldRow *self)
{
  g_autoptr(CsFinding) f = NULL;
  gboolean vector;

  vector = self->leaf != NULL &&
           (self->leaf->kind == CS_FIELD_STRV || self->leaf->kind == CS_FIELD_INTV);
  if (self->record != NULL)
    f = cs_field_row_lookup_finding (self->validation, self->json_path, vector);
  if (f == NULL && self->record != NULL && self->block_path != NULL)
    f = cs_field_row_lookup_finding (self->validation, self->block_path, FALSE);

  g_clear_pointer (&self->finding_message, g_free);
  self->finding_severity = NULL;
  if (f != NULL)
    {
      self->finding_message = g_strdup (cs_finding_get_message (f));
      self->finding_severity = cs_severity_to_string (f->severity);
    }
  update_error (self);
}

static void
validation_items_changed_cb (CsFieldRow *self,
                             guint       position,
                             guint       removed,
                             guint       added,
                             GListModel *model)
{
  refresh_finding (self);
}

/* ---- model -> text ------------------------------------------------------------------- */

static void
set_parse_error (CsFieldRow *self,
                 char       *message)
{
  g_free (self->parse_error);
  self->parse_error = message;
  update_error (self);
}

static void
refresh_text (CsFieldRow *self)
{
  g_autofree char *want = model_text (self);
  const char *have = gtk_editable_get_text (GTK_EDITABLE (self->text));
  Parsed p;
  g_autofree char *err = NULL;

  if (self->leaf != NULL)
    {
      err = parse_text (self->leaf, have, &p);
      if (err == NULL)
        {
          g_autofree char *canon = parsed_canonical (self->leaf, &p);
          gboolean same = g_strcmp0 (canon, want) == 0;

          parsed_clear (&p);
          if (same)
            return;   /* the text already says this; keep the user's form and cursor */
        }
      parsed_clear (&p);
    }

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->text), want);
  self->updating = FALSE;
  set_parse_error (self, NULL);
}

static void hooks_rebuild (CsFieldRow *self);

static void
path_notify_cb (CsFieldRow *self,
                GParamSpec *pspec,
                GObject    *object)
{
  if (self->committing)
    return;
  hooks_rebuild (self);
  refresh_text (self);
}

/* Disconnects and drops every Hook of @hooks (a row's, or a path watch's). */
static void
hooks_array_clear (GArray *hooks)
{
  for (guint i = 0; i < hooks->len; i++)
    {
      Hook *h = &g_array_index (hooks, Hook, i);

      g_signal_handler_disconnect (h->object, h->handler);
      g_object_unref (h->object);
    }
  g_array_set_size (hooks, 0);
}

static void
hooks_clear (CsFieldRow *self)
{
  hooks_array_clear (self->hooks);
}

static void
hook (CsFieldRow *self,
      CsRecord   *rec,
      const char *json_name)
{
  g_autofree char *prop = g_strdelimit (g_strdup (json_name), "_", '-');
  g_autofree char *detailed = g_strconcat ("notify::", prop, NULL);
  Hook h;

  h.object = g_object_ref (G_OBJECT (rec));
  h.handler = g_signal_connect_object (rec, detailed, G_CALLBACK (path_notify_cb), self,
                                       G_CONNECT_SWAPPED);
  g_array_append_val (self->hooks, h);
}

static void
hooks_rebuild (CsFieldRow *self)
{
  CsRecord *rec = self->record;
  guint n = g_strv_length (self->segments);

  hooks_clear (self);
  for (guint i = 0; rec != NULL && i < n; i++)
    {
      hook (self, rec, self->segments[i]);
      if (i + 1 < n)
        {
          const CsField *f = cs_record_find_field (rec, self->segments[i]);
          rec = *(CsRecord **) CS_FIELD_SLOT (rec, f);
        }
    }
}

/* ---- text -> model --------------------------------------------------------------------- */

static void
commit (CsFieldRow *self,
        Parsed     *p)
{
  CsRecord *rec = self->record;
  guint n = g_strv_length (self->segments);
  const char *leaf = self->segments[n - 1];

  for (guint i = 0; i + 1 < n; i++)
    {
      const CsField *f = cs_record_find_field (rec, self->segments[i]);
      CsRecord *sub = *(CsRecord **) CS_FIELD_SLOT (rec, f);

      if (sub == NULL && p->absent)
        return;   /* clearing a field of a block that does not exist: nothing to do */
      rec = cs_record_ensure_record (rec, self->segments[i]);
    }

  switch (self->leaf->kind)
    {
    case CS_FIELD_STRING:
    case CS_FIELD_ENUM:
    case CS_FIELD_DATE:
    case CS_FIELD_DATETIME:
      cs_record_set_string (rec, leaf, p->string);
      break;
    case CS_FIELD_NUMBER:
    case CS_FIELD_INTEGER:
      cs_record_set_number (rec, leaf, p->number);
      break;
    case CS_FIELD_STRV:
      cs_record_set_strv (rec, leaf, (const char * const *) p->strv);
      break;
    case CS_FIELD_INTV:
      cs_record_set_intv (rec, leaf, p->intv ? (gint64 *) (gpointer) p->intv->data : NULL,
                          p->intv ? p->intv->len : 0);
      break;
    case CS_FIELD_BOOLEAN:
    case CS_FIELD_RECORD:
    case CS_FIELD_LIST:
    default:
      break;
    }
}

/* "notify::text" rather than "changed": gtk_editable_set_text() emits "changed" twice (delete,
 * then insert) but notifies once, so a replaced text never commits an empty value in between. */
static void
text_notify_cb (CsFieldRow *self)
{
  GtkEditable *text = GTK_EDITABLE (self->text);
  Parsed p;
  char *err;

  if (self->updating || self->record == NULL || self->leaf == NULL)
    return;

  err = parse_text (self->leaf, gtk_editable_get_text (text), &p);
  set_parse_error (self, err);
  if (err == NULL)
    {
      self->committing = TRUE;
      commit (self, &p);
      self->committing = FALSE;
      hooks_rebuild (self);   /* a sub-block may have been created */
      g_signal_emit (self, signals[SIGNAL_COMMITTED], 0);
    }
  parsed_clear (&p);
}

/* ---- GtkEditable ------------------------------------------------------------------------- */

static GtkEditable *
cs_field_row_get_delegate (GtkEditable *editable)
{
  return GTK_EDITABLE (CS_FIELD_ROW (editable)->text);
}

static void
cs_field_row_editable_init (GtkEditableInterface *iface)
{
  iface->get_delegate = cs_field_row_get_delegate;
}

/* ---- GObject ------------------------------------------------------------------------------ */

static gboolean
cs_field_row_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (CS_FIELD_ROW (widget)->text);
}

static void
title_changed_cb (CsFieldRow *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));

  gtk_label_set_text (GTK_LABEL (self->title_label), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

static void
pressed_cb (CsFieldRow *self)
{
  if (!gtk_widget_has_focus (self->text))
    gtk_widget_grab_focus (self->text);
}

static void
resolve_leaf (CsFieldRow *self)
{
  self->leaf = NULL;
  if (self->record == NULL || self->segments[0] == NULL)
    return;

  self->leaf = cs_path_leaf_field (G_OBJECT_TYPE (self->record), self->field);
  if (self->leaf == NULL)
    g_critical ("%s has no field '%s' (CsFieldRow)", G_OBJECT_TYPE_NAME (self->record), self->field);
}

static void
cs_field_row_dispose (GObject *object)
{
  CsFieldRow *self = CS_FIELD_ROW (object);

  if (self->text != NULL)
    gtk_editable_finish_delegate (GTK_EDITABLE (self));
  if (self->hooks != NULL)
    hooks_clear (self);
  cs_follow_validation (&self->validation, &self->validation_handler, NULL, NULL, self);
  g_clear_object (&self->record);
  g_clear_object (&self->catalog);

  self->text = NULL;
  self->unit_label = NULL;

  G_OBJECT_CLASS (cs_field_row_parent_class)->dispose (object);
}

static void
cs_field_row_finalize (GObject *object)
{
  CsFieldRow *self = CS_FIELD_ROW (object);

  g_clear_pointer (&self->hooks, g_array_unref);
  g_clear_pointer (&self->segments, g_strfreev);
  g_free (self->field);
  g_free (self->json_path);
  g_free (self->block_path);
  g_free (self->parse_error);
  g_free (self->finding_message);

  G_OBJECT_CLASS (cs_field_row_parent_class)->finalize (object);
}

static void
cs_field_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CsFieldRow *self = CS_FIELD_ROW (object);

  if (gtk_editable_delegate_get_property (object, prop_id, value, pspec))
    return;
  switch (prop_id)
    {
    case PROP_FIELD:
      g_value_set_string (value, self->field);
      break;
    case PROP_UNIT:
      g_value_set_string (value, cs_field_row_get_unit (self));
      break;
    case PROP_PLACEHOLDER:
      g_value_set_string (value, gtk_text_get_placeholder_text (GTK_TEXT (self->text)));
      break;
    case PROP_PICKER_LIST:
      {
        CsPicker *picker = cs_picker_row_get_picker (self);

        g_value_set_enum (value, picker ? cs_picker_get_list (picker) : CS_PICKER_LIST_NONE);
      }
      break;
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_field_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CsFieldRow *self = CS_FIELD_ROW (object);

  if (gtk_editable_delegate_set_property (object, prop_id, value, pspec))
    return;
  switch (prop_id)
    {
    case PROP_FIELD:
      cs_field_row_set_field (self, g_value_get_string (value));
      break;
    case PROP_UNIT:
      cs_field_row_set_unit (self, g_value_get_string (value));
      break;
    case PROP_PLACEHOLDER:
      cs_field_row_set_placeholder (self, g_value_get_string (value));
      break;
    case PROP_PICKER_LIST:
      cs_field_row_set_picker_list (self, g_value_get_enum (value));
      break;
    case PROP_CATALOG:
      cs_field_row_set_catalog (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_field_row_class_init (CsFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_field_row_dispose;
  object_class->finalize = cs_field_row_finalize;
  object_class->get_property = cs_field_row_get_property;
  object_class->set_property = cs_field_row_set_property;
  widget_class->grab_focus = cs_field_row_grab_focus;

  properties[PROP_FIELD] =
    g_param_spec_string ("field", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A unit shown after the text ("kg"), dimmed. */
  properties[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLACEHOLDER] =
    g_param_spec_string ("placeholder", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A searchable picker over this catalog list after the text (cs-picker.h); set once. */
  properties[PROP_PICKER_LIST] =
    g_param_spec_enum ("picker-list", NULL, NULL, CS_TYPE_PICKER_LIST, CS_PICKER_LIST_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The catalog the picker lists from; a template's row gets it from its page. */
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, CS_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_editable_install_properties (object_class, N_PROPS);

  /* After text typed (or set) into the row was written to the model; not when the row shows
   * the model's value. */
  signals[SIGNAL_COMMITTED] =
    g_signal_new ("committed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
cs_field_row_init (CsFieldRow *self)
{
  GtkWidget *outer, *line, *column;
  GtkGesture *click;

  self->hooks = g_array_new (FALSE, FALSE, sizeof (Hook));
  self->segments = g_new0 (char *, 1);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "cs-field-row");

  outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_top (outer, 6);
  gtk_widget_set_margin_bottom (outer, 6);
  gtk_widget_set_margin_start (outer, 12);
  gtk_widget_set_margin_end (outer, 12);

  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (column, TRUE);
  gtk_widget_set_valign (column, GTK_ALIGN_CENTER);

  self->title_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->title_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->title_label, "caption");
  gtk_widget_add_css_class (self->title_label, "dim-label");
  gtk_box_append (GTK_BOX (column), self->title_label);

  self->text = gtk_text_new ();
  gtk_widget_set_hexpand (self->text, TRUE);
  gtk_box_append (GTK_BOX (column), self->text);

  self->suffix_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (self->suffix_box, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (line), column);
  gtk_box_append (GTK_BOX (line), self->suffix_box);
  gtk_box_append (GTK_BOX (outer), line);

  self->error_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->error_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (self->error_label, "caption");
  gtk_widget_add_css_class (self->error_label, "cs-field-message");
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_box_append (GTK_BOX (outer), self->error_label);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), outer);

  gtk_editable_init_delegate (GTK_EDITABLE (self));
  g_signal_connect (self, "notify::text", G_CALLBACK (text_notify_cb), NULL);
  g_signal_connect (self, "notify::title", G_CALLBACK (title_changed_cb), NULL);

  click = gtk_gesture_click_new ();
  g_signal_connect_object (click, "pressed", G_CALLBACK (pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}

/* ---- dotted paths ----------------------------------------------------------------------- */

struct _CsPathWatch
{
  CsRecord        *record;
  char           **segments;
  CsPathWatchFunc  func;
  gpointer         user_data;
  GArray          *hooks;   /* of Hook */
};

static void path_watch_rebuild (CsPathWatch *watch);

static void
path_watch_notify_cb (GObject    *object,
                      GParamSpec *pspec,
                      gpointer    data)
{
  CsPathWatch *watch = data;

  path_watch_rebuild (watch);
  watch->func (watch->user_data);
}

static void
path_watch_clear (CsPathWatch *watch)
{
  hooks_array_clear (watch->hooks);
}

static void
path_watch_rebuild (CsPathWatch *watch)
{
  CsRecord *rec = watch->record;
  guint n = g_strv_length (watch->segments);

  path_watch_clear (watch);
  for (guint i = 0; rec != NULL && i < n; i++)
    {
      g_autofree char *prop = g_strdelimit (g_strdup (watch->segments[i]), "_", '-');
      g_autofree char *detailed = g_strconcat ("notify::", prop, NULL);
      Hook h;

      h.object = g_object_ref (G_OBJECT (rec));
      h.handler = g_signal_connect (rec, detailed, G_CALLBACK (path_watch_notify_cb), watch);
      g_array_append_val (watch->hooks, h);
      if (i + 1 < n)
        {
          const CsField *f = cs_record_find_field (rec, watch->segments[i]);
          rec = *(CsRecord **) CS_FIELD_SLOT (rec, f);
        }
    }
}

CsPathWatch *
cs_path_watch_new (CsRecord        *record,
                   const char      *dotted,
                   CsPathWatchFunc  func,
                   gpointer         user_data)
{
  CsPathWatch *watch = g_new0 (CsPathWatch, 1);

  watch->record = g_object_ref (record);
  watch->segments = g_strsplit (dotted, ".", -1);
  watch->func = func;
  watch->user_data = user_data;
  watch->hooks = g_array_new (FALSE, FALSE, sizeof (Hook));
  path_watch_rebuild (watch);
  return watch;
}

void
cs_path_watch_free (CsPathWatch *watch)
{
  if (watch == NULL)
    return;
  path_watch_clear (watch);
  g_array_unref (watch->hooks);
  g_strfreev (watch->segments);
  g_object_unref (watch->record);
  g_free (watch);
}

/* ---- public API ------------------------------------------------------------------------- */

GtkWidget *
cs_field_row_new (const char *title,
                  const char *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  return g_object_new (CS_TYPE_FIELD_ROW, "title", title, "field", field, NULL);
}

void
cs_field_row_bind (CsFieldRow   *self,
                   CsRecord     *record,
                   const char   *json_path,
                   CsValidation *validation)
{
  g_return_if_fail (CS_IS_FIELD_ROW (self));
  g_return_if_fail (record == NULL || CS_IS_RECORD (record));
  g_return_if_fail (validation == NULL || G_IS_LIST_MODEL (validation));

  hooks_clear (self);
  g_set_object (&self->record, record);
  g_free (self->json_path);
  self->json_path = g_strdup (json_path);

  cs_follow_validation (&self->validation, &self->validation_handler, validation,
                        G_CALLBACK (validation_items_changed_cb), self);

  resolve_leaf (self);
  hooks_rebuild (self);

  g_clear_pointer (&self->parse_error, g_free);
  self->updating = TRUE;
  {
    g_autofree char *text = model_text (self);
    gtk_editable_set_text (GTK_EDITABLE (self->text), text);
  }
  self->updating = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self), record != NULL && self->leaf != NULL);
  refresh_finding (self);
}

void
cs_field_row_set_block_path (CsFieldRow *self,
                             const char *block_path)
{
  g_return_if_fail (CS_IS_FIELD_ROW (self));

  g_free (self->block_path);
  self->block_path = g_strdup (block_path);
  refresh_finding (self);
}

void
cs_field_row_set_field (CsFieldRow *self,
                        const char *field)
{
  g_return_if_fail (CS_IS_FIELD_ROW (self));

  if (g_strcmp0 (self->field, field) == 0)
    return;
  g_free (self->field);
  self->field = g_strdup (field);
  g_clear_pointer (&self->segments, g_strfreev);
  self->segments = g_strsplit (field ? field : "", ".", -1);
  if (self->record != NULL)
    {
      g_autoptr(CsRecord) record = g_object_ref (self->record);
      g_autoptr(GObject) validation = self->validation ? g_object_ref (G_OBJECT (self->validation)) : NULL;
      g_autofree char *path = g_strdup (self->json_path);

      cs_field_row_bind (self, record, path, (CsValidation *) validation);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIELD]);
}

const char *
cs_field_row_get_field (CsFieldRow *self)
{
  g_return_val_if_fail (CS_IS_FIELD_ROW (self), NULL);
  return self->field;
}

CsRecord *
cs_field_row_get_record (CsFieldRow *self)
{
  g_return_val_if_fail (CS_IS_FIELD_ROW (self), NULL);
  return self->record;
}

const char *
cs_field_row_get_json_path (CsFieldRow *self)
{
  g_return_val_if_fail (CS_IS_FIELD_ROW (self), NULL);
  return self->json_path;
}

const char *
cs_field_row_get_error_text (CsFieldRow *self)
{
  g_return_val_if_fail (CS_IS_FIELD_ROW (self), NULL);
  return self->parse_error ? self->parse_error : self->finding_message;
}

const char *
cs_field_row_get_error_severity (CsFieldRow *self)
{
  g_return_val_if_fail (CS_IS_FIELD_ROW (self), NULL);
  return self->parse_error ? "error" : self->finding_severity;
}

void
cs_field_row_add_suffix (CsFieldRow *self,
                         GtkWidget  *widget)
{
  g_return_if_fail (CS_IS_FIELD_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));
  gtk_box_append (GTK_BOX (self->suffix_box), widget);
}

void
cs_field_row_set_placeholder (CsFieldRow *self,
                              const char *text)
{
  g_return_if_fail (CS_IS_FIELD_ROW (self));

  if (g_strcmp0 (gtk_text_get_placeholder_text (GTK_TEXT (self->text)), text) == 0)
    return;
  gtk_text_set_placeholder_text (GTK_TEXT (self->text), text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACEHOLDER]);
}

const char *
cs_field_row_get_unit (CsFieldRow *self)
{
  const char *unit;

  g_return_val_if_fail (CS_IS_FIELD_ROW (self), NULL);
  if (self->unit_label == NULL)
    return NULL;
  unit = gtk_label_get_text (GTK_LABEL (self->unit_label));
  return *unit != '\0' ? unit : NULL;
}

void
cs_field_row_set_unit (CsFieldRow *self,
                       const char *unit)
{
  g_return_if_fail (CS_IS_FIELD_ROW (self));

  if (g_strcmp0 (cs_field_row_get_unit (self), unit && *unit ? unit : NULL) == 0)
    return;
  if (self->unit_label == NULL)
    {
      self->unit_label = gtk_label_new (NULL);
      gtk_widget_add_css_class (self->unit_label, "dim-label");
      gtk_box_append (GTK_BOX (self->suffix_box), self->unit_label);
    }
  gtk_label_set_text (GTK_LABEL (self->unit_label), unit ? unit : "");
  gtk_widget_set_visible (self->unit_label, unit != NULL && *unit != '\0');
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
}

void
cs_field_row_set_picker_list (CsFieldRow   *self,
                              CsPickerList  list)
{
  CsPicker *picker;

  g_return_if_fail (CS_IS_FIELD_ROW (self));

  picker = cs_picker_row_get_picker (self);
  if (list == (picker ? cs_picker_get_list (picker) : CS_PICKER_LIST_NONE))
    return;
  if (picker != NULL)
    {
      g_critical ("A field row's picker list is set once (%s)", self->field ? self->field : "");
      return;
    }
  cs_picker_row_attach (self, self->catalog, list);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PICKER_LIST]);
}

void
cs_field_row_set_catalog (CsFieldRow *self,
                          CsCatalog  *catalog)
{
  CsPicker *picker;

  g_return_if_fail (CS_IS_FIELD_ROW (self));

  if (!g_set_object (&self->catalog, catalog))
    return;
  picker = cs_picker_row_get_picker (self);
  if (picker != NULL)
    cs_picker_set_catalog (picker, catalog);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
}

GtkWidget *
cs_field_row_get_text_widget (CsFieldRow *self)
{
  g_return_val_if_fail (CS_IS_FIELD_ROW (self), NULL);
  return self->text;
}
