/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-vin-editor.c: the VIN list of a vehicle line (or the serial numbers of a machinery line),
 * edited as text, with a mark on each VIN */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "cs-checkdigit.h"
#include "cs-finding-lookup.h"
#include "cs-path-watch.h"
#include "cs-validator.h"
#include "cs-vin-editor.h"

#define MAX_PROBLEM_ROWS 200

/* What the editor lists: the item's category block, its identifier list and the parallel
 * vector of their containers (a CsTaggedList), as fields and as paths below the item. */
typedef struct
{
  const char *block;
  const char *list;
  const char *containers;
  const char *list_path;
  const char *containers_path;
} Mode;

static const Mode vin_mode = {
  "vehicle", "vins", "vin_containers", "vehicle.vins", "vehicle.vin_containers"
};
static const Mode serial_mode = {
  "machinery", "serials", "serial_containers", "machinery.serials", "machinery.serial_containers"
};

enum {
  PROP_0,
  PROP_SERIALS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char        *vin;     /* upper-cased (a serial number as typed) */
  int          start;   /* char offsets in the buffer */
  int          end;
  int          line;    /* 0-based buffer line */
  CsVinStatus  status;
  char        *reason;
  char        *container;   /* a second column on the VIN's line: the box it travels in */
} Token;

struct _CsVinEditor
{
  GtkWidget      parent_instance;

  const Mode    *mode;
  GtkWidget     *summary;
  GtkWidget     *hint;
  GtkWidget     *range_label;
  GtkWidget     *scroller;
  GtkWidget     *text_view;
  GtkTextBuffer *buffer;
  GtkWidget     *problems;
  GtkWidget     *range_from;
  GtkWidget     *range_to;
  GtkWidget     *range_box;
  GtkTextTag    *invalid_tag;
  GtkTextTag    *warning_tag;

  CsItem        *item;
  char          *item_path;
  CsValidation  *validation;
  gulong         validation_handler;
  CsPathWatch   *watch;
  CsPathWatch   *watch_boxes;
  GArray        *tokens;   /* of Token */
  gboolean       updating;
  gboolean       committing;
};

G_DEFINE_FINAL_TYPE (CsVinEditor, cs_vin_editor, GTK_TYPE_WIDGET)

CsVinStatus
cs_vin_status (const char  *vin,
               char       **reason)
{
  int want;

  if (reason != NULL)
    *reason = NULL;
  if (!cs_vin_well_formed (vin))
    {
      if (reason != NULL)
        {
          glong len = g_utf8_strlen (vin, -1);

          if (len != 17)
            *reason = g_strdup_printf (ngettext ("Has %ld character; a VIN has 17",
                                                 "Has %ld characters; a VIN has 17", len), len);
          else
            *reason = g_strdup (_("Only digits and the letters A–Z without I, O and Q"));
        }
      return CS_VIN_INVALID;
    }
  want = cs_vin_check_char (vin);
  if (want == vin[8])
    return CS_VIN_OK;
  if (reason != NULL)
    *reason = g_strdup_printf (_("Check digit (9th character) should be %c"), want);
  return cs_vin_check_required (vin) ? CS_VIN_INVALID : CS_VIN_WARNING;
}

static void
token_clear (gpointer data)
{
  Token *t = data;

  g_free (t->vin);
  g_free (t->reason);
  g_free (t->container);
}

static gboolean
is_separator (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ';' ||
         g_unichar_isspace (c);
}

static void
tokenize (CsVinEditor *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  const char *p, *tok = NULL;
  int offset = 0, tok_start = 0, line = 0, tok_line = 0;

  g_array_set_size (self->tokens, 0);
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  text = gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);

  for (p = text;; p = g_utf8_next_char (p), offset++)
    {
      gunichar c = g_utf8_get_char (p);
      gboolean sep = c == 0 || is_separator (c);

      if (sep && tok != NULL)
        {
          Token t = { 0 };
          g_autofree char *raw = g_strndup (tok, p - tok);
          g_autofree char *up = g_ascii_strup (raw, -1);
          Token *prev = self->tokens->len > 0 ? &g_array_index (self->tokens, Token, self->tokens->len - 1) : NULL;

          /* "VIN<Tab>container" or "VIN,container": a container number (ISO 6346 form, never a
           * VIN's 17 characters) after a VIN on its line says which box that car is in */
          if (prev != NULL && prev->line == tok_line && prev->container == NULL && cs_iso6346_well_formed (up))
            {
              prev->container = g_steal_pointer (&up);
              tok = NULL;
              goto next;
            }
          /* a serial number is any text, kept as typed; a VIN is checked */
          t.vin = self->mode == &serial_mode ? g_steal_pointer (&raw) : g_steal_pointer (&up);
          t.start = tok_start;
          t.end = offset;
          t.line = tok_line;
          t.status = self->mode == &serial_mode ? CS_VIN_OK : cs_vin_status (t.vin, &t.reason);
          g_array_append_val (self->tokens, t);
          tok = NULL;
        }
      else if (!sep && tok == NULL)
        {
          tok = p;
          tok_start = offset;
          tok_line = line;
        }
    next:
      if (c == 0)
        break;
      if (c == '\n')
        line++;
    }
}

static void
apply_marks (CsVinEditor *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->invalid_tag, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->warning_tag, &start, &end);
  for (guint i = 0; i < self->tokens->len; i++)
    {
      Token *t = &g_array_index (self->tokens, Token, i);

      if (t->status == CS_VIN_OK)
        continue;
      gtk_text_buffer_get_iter_at_offset (self->buffer, &start, t->start);
      gtk_text_buffer_get_iter_at_offset (self->buffer, &end, t->end);
      gtk_text_buffer_apply_tag (self->buffer,
                                 t->status == CS_VIN_INVALID ? self->invalid_tag : self->warning_tag,
                                 &start, &end);
    }
}

static void
add_problem (CsVinEditor *self,
             const char  *text,
             gboolean     error)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, error ? "error" : "warning");
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_set_margin_top (label, 2);
  gtk_widget_set_margin_bottom (label, 2);
  gtk_list_box_append (GTK_LIST_BOX (self->problems), label);
}

static void
update_problems (CsVinEditor *self)
{
  GtkWidget *child;
  guint shown = 0, n_invalid = 0, n_warn = 0;
  g_autofree char *summary = NULL;
  g_autofree char *prefix = NULL;

  while ((child = gtk_widget_get_first_child (self->problems)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->problems), child);

  for (guint i = 0; i < self->tokens->len; i++)
    {
      Token *t = &g_array_index (self->tokens, Token, i);

      if (t->status == CS_VIN_OK)
        continue;
      if (t->status == CS_VIN_INVALID)
        n_invalid++;
      else
        n_warn++;
      if (shown++ < MAX_PROBLEM_ROWS)
        {
          /* Translators: VIN number, the VIN, what is wrong with it. */
          g_autofree char *s = g_strdup_printf (_("VIN %u · %s: %s"), i + 1, t->vin, t->reason);
          add_problem (self, s, t->status == CS_VIN_INVALID);
        }
    }

  /* What the validator says about the list beyond the shape of each VIN (duplicates, count). */
  if (self->validation != NULL && self->item_path != NULL)
    {
      g_autoptr(GPtrArray) found = NULL;

      prefix = g_strconcat (self->item_path, ".", self->mode->list_path, NULL);
      found = cs_validation_find (self->validation, prefix);
      for (guint i = 0; i < found->len && shown < MAX_PROBLEM_ROWS; i++)
        {
          CsFinding *f = g_ptr_array_index (found, i);

          if (g_strcmp0 (f->rule, "vehicle.vin_format") == 0 ||
              g_strcmp0 (f->rule, "vehicle.vin_check_digit") == 0)
            continue;   /* already marked above */
          add_problem (self, cs_finding_get_message (f), f->severity == CS_SEVERITY_ERROR);
          shown++;
        }
    }
  if (shown > MAX_PROBLEM_ROWS)
    {
      g_autofree char *more = g_strdup_printf (_("… and %u more"), shown - MAX_PROBLEM_ROWS);
      add_problem (self, more, TRUE);
    }
  gtk_widget_set_visible (self->problems, gtk_widget_get_first_child (self->problems) != NULL);

  if (self->mode == &serial_mode)
    summary = g_strdup_printf (ngettext ("%u serial number", "%u serial numbers", self->tokens->len),
                               self->tokens->len);
  else
    summary = g_strdup_printf (ngettext ("%u VIN", "%u VINs", self->tokens->len), self->tokens->len);
  if (n_invalid > 0)
    {
      char *s = g_strdup_printf (_("%s, %u invalid"), summary, n_invalid);
      g_free (summary);
      summary = s;
    }
  if (n_warn > 0)
    {
      char *s = g_strdup_printf (_("%s, %u to check"), summary, n_warn);
      g_free (summary);
      summary = s;
    }
  gtk_label_set_text (GTK_LABEL (self->summary), summary);
}

static GStrv
tokens_strv (CsVinEditor *self)
{
  GStrv v = g_new0 (char *, self->tokens->len + 1);

  for (guint i = 0; i < self->tokens->len; i++)
    v[i] = g_strdup (g_array_index (self->tokens, Token, i).vin);
  return v;
}

/* The boxes of the tokens as the model keeps them (cs_tagged_containers_take). */
static GStrv
tokens_boxes (CsVinEditor *self)
{
  GPtrArray *b = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->tokens->len; i++)
    {
      const char *box = g_array_index (self->tokens, Token, i).container;
      g_ptr_array_add (b, g_strdup (box ? box : ""));
    }
  return cs_tagged_containers_take (b);
}

/* The item's block the editor lists (its vehicle or machinery), or NULL. */
static CsRecord *
model_block (CsVinEditor *self)
{
  if (self->item == NULL)
    return NULL;
  return self->mode == &serial_mode ? (CsRecord *) self->item->machinery : (CsRecord *) self->item->vehicle;
}

/* The identifiers in the model (VINs or serials) and their containers; NULL when none. */
static const char * const *
model_ids (CsVinEditor *self)
{
  CsRecord *block = model_block (self);

  if (block == NULL)
    return NULL;
  return self->mode == &serial_mode ? (const char * const *) CS_MACHINERY (block)->serials
                                    : (const char * const *) CS_VEHICLE (block)->vins;
}

static const char * const *
model_boxes (CsVinEditor *self)
{
  CsRecord *block = model_block (self);

  if (block == NULL)
    return NULL;
  return self->mode == &serial_mode ? (const char * const *) CS_MACHINERY (block)->serial_containers
                                    : (const char * const *) CS_VEHICLE (block)->vin_containers;
}

static gboolean
tokens_equal_model (CsVinEditor *self)
{
  const char * const *ids = model_ids (self);
  const char * const *boxes = model_boxes (self);
  guint n = ids ? g_strv_length ((char **) ids) : 0;

  if (n != self->tokens->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const Token *t = &g_array_index (self->tokens, Token, i);

      if (strcmp (ids[i], t->vin) != 0 || g_strcmp0 (cs_tagged_container (boxes, i), t->container) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
buffer_changed_cb (CsVinEditor *self)
{
  tokenize (self);
  apply_marks (self);
  update_problems (self);

  if (self->updating || self->item == NULL || tokens_equal_model (self))
    return;
  self->committing = TRUE;
  if (self->tokens->len == 0)
    {
      CsRecord *block = model_block (self);

      if (block != NULL)
        {
          cs_record_set_strv (block, self->mode->list, NULL);
          cs_record_set_strv (block, self->mode->containers, NULL);
        }
    }
  else
    {
      g_auto(GStrv) v = tokens_strv (self);
      g_auto(GStrv) boxes = tokens_boxes (self);
      CsRecord *block = cs_record_ensure_record (CS_RECORD (self->item), self->mode->block);

      cs_record_set_strv (block, self->mode->list, (const char * const *) v);
      cs_record_set_strv (block, self->mode->containers, (const char * const *) boxes);
    }
  self->committing = FALSE;
}

static void
model_changed (gpointer data)
{
  CsVinEditor *self = data;
  const char * const *ids, * const *boxes;
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->committing || tokens_equal_model (self))
    return;
  ids = model_ids (self);
  boxes = model_boxes (self);
  /* one VIN a line, with its container after a tab when it names one */
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      const char *box = cs_tagged_container (boxes, i);

      g_string_append_printf (text, "%s%s%s%s", i ? "\n" : "", ids[i], box ? "\t" : "", box ? box : "");
    }
  self->updating = TRUE;
  gtk_text_buffer_set_text (self->buffer, text->str, -1);
  self->updating = FALSE;
}

static void
validation_changed_cb (CsVinEditor *self)
{
  update_problems (self);
}

static void
cs_vin_editor_dispose (GObject *object)
{
  CsVinEditor *self = CS_VIN_EDITOR (object);
  GtkWidget *child;

  g_clear_pointer (&self->watch, cs_path_watch_free);
  g_clear_pointer (&self->watch_boxes, cs_path_watch_free);
  cs_follow_validation (&self->validation, &self->validation_handler, NULL, NULL, self);
  g_clear_object (&self->item);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cs_vin_editor_parent_class)->dispose (object);
}

static void
cs_vin_editor_finalize (GObject *object)
{
  CsVinEditor *self = CS_VIN_EDITOR (object);

  g_array_unref (self->tokens);
  g_free (self->item_path);

  G_OBJECT_CLASS (cs_vin_editor_parent_class)->finalize (object);
}

static gboolean
cs_vin_editor_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (CS_VIN_EDITOR (widget)->text_view);
}

static void
assign_clicked_cb (CsVinEditor *self)
{
  cs_vin_editor_assign_range (self,
                              (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->range_from)),
                              (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->range_to)),
                              gtk_editable_get_text (GTK_EDITABLE (self->range_box)));
}

/* The words that name what is listed: cars and their VINs, or machines and their serials. */
static void
cs_vin_editor_constructed (GObject *object)
{
  CsVinEditor *self = CS_VIN_EDITOR (object);
  gboolean serials = self->mode == &serial_mode;
  struct { GtkWidget *widget; const char *label; } names[] = {
    { self->text_view, serials ? _("Serial numbers") : _("VINs") },
    { self->range_from, serials ? _("First machine") : _("First car") },
    { self->range_to, serials ? _("Last machine") : _("Last car") },
    { self->range_box, serials ? _("Container of these machines") : _("Container of these cars") },
    { self->problems, serials ? _("Serial number problems") : _("VIN problems") },
  };

  G_OBJECT_CLASS (cs_vin_editor_parent_class)->constructed (object);
  gtk_label_set_text (GTK_LABEL (self->hint),
                      serials ? _("One serial number per line, its container after a Tab or comma if "
                                  "known; paste whole columns at once.")
                              : _("One VIN per line, its container after a Tab or comma if known; paste "
                                  "whole columns at once."));
  /* Translators: starts "Machines 1 to 4 in container …" */
  gtk_label_set_text (GTK_LABEL (self->range_label), serials ? _("Machines") : _("Cars"));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    gtk_accessible_update_property (GTK_ACCESSIBLE (names[i].widget),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, names[i].label, -1);
  update_problems (self);
}

static void
cs_vin_editor_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CsVinEditor *self = CS_VIN_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SERIALS:
      self->mode = g_value_get_boolean (value) ? &serial_mode : &vin_mode;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_vin_editor_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CsVinEditor *self = CS_VIN_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SERIALS:
      g_value_set_boolean (value, self->mode == &serial_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_vin_editor_class_init (CsVinEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cs_vin_editor_dispose;
  G_OBJECT_CLASS (klass)->finalize = cs_vin_editor_finalize;
  G_OBJECT_CLASS (klass)->constructed = cs_vin_editor_constructed;
  G_OBJECT_CLASS (klass)->set_property = cs_vin_editor_set_property;
  G_OBJECT_CLASS (klass)->get_property = cs_vin_editor_get_property;

  /* The machinery line's serial numbers (with their containers) instead of the VINs: any
   * text is a serial number, nothing is checked as ISO 3779. */
  properties[PROP_SERIALS] =
    g_param_spec_boolean ("serials", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (G_OBJECT_CLASS (klass), N_PROPS, properties);
  widget_class->grab_focus = cs_vin_editor_grab_focus;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vin-editor");
}

static void
cs_vin_editor_init (CsVinEditor *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkWidget *hint;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  self->tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  g_array_set_clear_func (self->tokens, token_clear);

  self->summary = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->summary), 0);
  gtk_widget_add_css_class (self->summary, "heading");
  gtk_widget_set_parent (self->summary, GTK_WIDGET (self));

  self->hint = hint = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_widget_add_css_class (hint, "caption");
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_set_parent (hint, GTK_WIDGET (self));

  self->buffer = gtk_text_buffer_new (NULL);
  self->invalid_tag = gtk_text_buffer_create_tag (self->buffer, "vin-invalid",
                                                  "underline", PANGO_UNDERLINE_ERROR,
                                                  "underline-rgba", &(GdkRGBA) { 0.88, 0.11, 0.14, 1 },
                                                  NULL);
  self->warning_tag = gtk_text_buffer_create_tag (self->buffer, "vin-warning",
                                                  "underline", PANGO_UNDERLINE_ERROR,
                                                  "underline-rgba", &(GdkRGBA) { 0.90, 0.65, 0.04, 1 },
                                                  NULL);
  self->text_view = gtk_text_view_new_with_buffer (self->buffer);
  g_object_unref (self->buffer);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (self->text_view), TRUE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->text_view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->text_view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->text_view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->text_view), 6);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self->text_view), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_MULTI_LINE, TRUE, -1);

  {
    /* "Cars 1 to 4 in container [    ] Assign": boxes for a run of VINs at once */
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *button = gtk_button_new_with_mnemonic (_("_Assign"));

    self->range_from = gtk_spin_button_new_with_range (1, 100000, 1);
    self->range_to = gtk_spin_button_new_with_range (1, 100000, 1);
    self->range_box = gtk_entry_new ();
    gtk_entry_set_placeholder_text (GTK_ENTRY (self->range_box), _("Container number"));
    gtk_editable_set_width_chars (GTK_EDITABLE (self->range_box), 12);
    self->range_label = gtk_label_new (NULL);
    gtk_box_append (GTK_BOX (row), self->range_label);
    gtk_box_append (GTK_BOX (row), self->range_from);
    gtk_box_append (GTK_BOX (row), gtk_label_new (C_ ("car range", "to")));
    gtk_box_append (GTK_BOX (row), self->range_to);
    gtk_box_append (GTK_BOX (row), gtk_label_new (_("in container")));
    gtk_box_append (GTK_BOX (row), self->range_box);
    gtk_box_append (GTK_BOX (row), button);
    g_signal_connect_swapped (button, "clicked", G_CALLBACK (assign_clicked_cb), self);
    g_signal_connect_swapped (self->range_box, "activate", G_CALLBACK (assign_clicked_cb), self);
    gtk_widget_set_parent (row, GTK_WIDGET (self));
  }

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->scroller), 96);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->scroller), 240);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->text_view);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  self->problems = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->problems), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->problems, "boxed-list");
  gtk_widget_set_visible (self->problems, FALSE);
  gtk_widget_set_parent (self->problems, GTK_WIDGET (self));

  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  self->mode = &vin_mode;
}

GtkWidget *
cs_vin_editor_new (void)
{
  return g_object_new (CS_TYPE_VIN_EDITOR, NULL);
}

GtkWidget *
cs_vin_editor_new_serials (void)
{
  return g_object_new (CS_TYPE_VIN_EDITOR, "serials", TRUE, NULL);
}

void
cs_vin_editor_bind (CsVinEditor  *self,
                    CsItem       *item,
                    const char   *item_path,
                    CsValidation *validation)
{
  g_return_if_fail (CS_IS_VIN_EDITOR (self));
  g_return_if_fail (item == NULL || CS_IS_ITEM (item));

  g_clear_pointer (&self->watch, cs_path_watch_free);
  g_clear_pointer (&self->watch_boxes, cs_path_watch_free);
  g_set_object (&self->item, item);
  g_free (self->item_path);
  self->item_path = g_strdup (item_path);
  cs_follow_validation (&self->validation, &self->validation_handler, validation,
                        G_CALLBACK (validation_changed_cb), self);
  if (item != NULL)
    {
      self->watch = cs_path_watch_new (CS_RECORD (item), self->mode->list_path, model_changed, self);
      self->watch_boxes = cs_path_watch_new (CS_RECORD (item), self->mode->containers_path, model_changed, self);
    }

  /* Show the bound list (always reset the text: a new item, not an edit). */
  g_array_set_size (self->tokens, 0);
  self->updating = TRUE;
  gtk_text_buffer_set_text (self->buffer, "", -1);
  self->updating = FALSE;
  model_changed (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), item != NULL);
}

guint
cs_vin_editor_get_n_vins (CsVinEditor *self)
{
  g_return_val_if_fail (CS_IS_VIN_EDITOR (self), 0);
  return self->tokens->len;
}

CsVinStatus
cs_vin_editor_get_status (CsVinEditor *self,
                          guint        index)
{
  g_return_val_if_fail (CS_IS_VIN_EDITOR (self), CS_VIN_INVALID);
  g_return_val_if_fail (index < self->tokens->len, CS_VIN_INVALID);
  return g_array_index (self->tokens, Token, index).status;
}

guint
cs_vin_editor_get_n_invalid (CsVinEditor *self)
{
  guint n = 0;

  g_return_val_if_fail (CS_IS_VIN_EDITOR (self), 0);
  for (guint i = 0; i < self->tokens->len; i++)
    if (g_array_index (self->tokens, Token, i).status == CS_VIN_INVALID)
      n++;
  return n;
}

void
cs_vin_editor_paste_text (CsVinEditor *self,
                          const char  *text)
{
  g_return_if_fail (CS_IS_VIN_EDITOR (self));
  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_insert_at_cursor (self->buffer, text, -1);
  gtk_text_buffer_end_user_action (self->buffer);
}

void
cs_vin_editor_focus_vin (CsVinEditor *self,
                         guint        index)
{
  GtkTextIter start, end;
  Token *t;

  g_return_if_fail (CS_IS_VIN_EDITOR (self));
  gtk_widget_grab_focus (self->text_view);
  if (index >= self->tokens->len)
    return;
  t = &g_array_index (self->tokens, Token, index);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &start, t->start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end, t->end);
  gtk_text_buffer_select_range (self->buffer, &start, &end);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->text_view), &start, 0.1, FALSE, 0, 0);
}

gboolean
cs_vin_editor_assign_range (CsVinEditor *self,
                            guint        first,
                            guint        last,
                            const char  *container)
{
  const char * const *ids, * const *old_boxes;
  GPtrArray *boxes;
  guint n;
  g_autofree char *box = NULL;
  g_auto(GStrv) canon = NULL;

  g_return_val_if_fail (CS_IS_VIN_EDITOR (self), FALSE);
  ids = model_ids (self);
  old_boxes = model_boxes (self);
  n = ids ? g_strv_length ((char **) ids) : 0;
  if (first < 1 || last < first || last > n)
    return FALSE;
  box = g_ascii_strup (container ? container : "", -1);
  g_strstrip (box);
  boxes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n; i++)
    {
      const char *old = cs_tagged_container (old_boxes, i);
      g_ptr_array_add (boxes, g_strdup (i + 1 >= first && i + 1 <= last ? box : old ? old : ""));
    }
  canon = cs_tagged_containers_take (boxes);
  cs_record_set_strv (model_block (self), self->mode->containers, (const char * const *) canon);
  return TRUE;
}

GtkTextView *
cs_vin_editor_get_text_view (CsVinEditor *self)
{
  g_return_val_if_fail (CS_IS_VIN_EDITOR (self), NULL);
  return GTK_TEXT_VIEW (self->text_view);
}
