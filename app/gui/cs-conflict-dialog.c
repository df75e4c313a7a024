/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-conflict-dialog.c: someone else saved the draft while you were editing — who changed what */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "cs-conflict-dialog.h"
#include "cs-field-label.h"
#include "cs-json.h"
#include "cs-merge.h"

#define MAX_ROWS 200

struct _CsConflictDialog
{
  AdwWindow             parent_instance;

  CsManifest           *base;
  CsManifest           *ours;
  CsManifest           *theirs;
  CsManifest           *merged;       /* NULL when both changed the same fields (or not ready) */
  GPtrArray            *conflicts;    /* CsMergeConflict */
  GPtrArray            *their_paths;
  GPtrArray            *your_paths;
  GPtrArray            *both_paths;
  GCancellable         *cancellable;  /* the comparison on a worker; cancelled when closed */
  gboolean              ready;        /* the comparison is done and shown */
  gboolean              chosen;

  /* template */
  AdwPreferencesGroup  *headline_group;
  AdwPreferencesGroup  *comparing_group;
  AdwPreferencesGroup  *theirs_group;
  AdwPreferencesGroup  *yours_group;
  AdwPreferencesGroup  *both_group;
  GtkButton            *keep_theirs_button;
  GtkButton            *keep_yours_button;
  GtkButton            *keep_both_button;
  GtkLabel             *both_reason_label;
};

G_DEFINE_FINAL_TYPE (CsConflictDialog, cs_conflict_dialog, ADW_TYPE_WINDOW)

enum {
  CHOSEN,
  N_SIGNALS
};

enum {
  PROP_0,
  PROP_READY,
  N_PROPS
};

static guint signals[N_SIGNALS];
static GParamSpec *properties[N_PROPS];

/* ---- rows -------------------------------------------------------------------------------- */

/* A JSON value as a person reads it: strings without quotes, absent as a dash, long ones cut. */
static char *
value_text (const char *json)
{
  g_autofree char *text = NULL;

  if (json == NULL || g_strcmp0 (json, "null") == 0)
    return g_strdup (C_("conflict value", "(empty)"));
  if (json[0] == '"')
    {
      g_autoptr(JsonNode) node = json_from_string (json, NULL);
      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING)
        text = g_strdup (json_node_get_string (node));
    }
  if (text == NULL)
    text = g_strdup (json);
  if (g_utf8_strlen (text, -1) > 60)
    {
      char *end = g_utf8_offset_to_pointer (text, 59);
      *end = '\0';
      return g_strconcat (text, "…", NULL);
    }
  return g_steal_pointer (&text);
}

static void
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (group, row);
}

/* What the dialog shows, computed on a worker: the three manifests are not touched by anyone
 * else meanwhile (@ours is the window's copy, made for the dialog; @base and @theirs are the
 * autosave's snapshots, which it replaces but never changes), so the worker reads them freely. */
typedef struct
{
  CsManifest *base;
  CsManifest *ours;
  CsManifest *theirs;
  /* results */
  GPtrArray  *their_changes;   /* CsChange */
  GPtrArray  *your_changes;
  CsManifest *merged;
  GPtrArray  *conflicts;
} Compare;

static void
compare_free (gpointer data)
{
  Compare *c = data;

  g_clear_object (&c->base);
  g_clear_object (&c->ours);
  g_clear_object (&c->theirs);
  g_clear_pointer (&c->their_changes, g_ptr_array_unref);
  g_clear_pointer (&c->your_changes, g_ptr_array_unref);
  g_clear_object (&c->merged);
  g_clear_pointer (&c->conflicts, g_ptr_array_unref);
  g_free (c);
}

static void
compare_worker (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Compare *c = data;
  g_autoptr(GError) error = NULL;

  c->their_changes = cs_manifest_diff (c->base, c->theirs, MAX_ROWS);
  if (g_task_return_error_if_cancelled (task))
    return;
  c->your_changes = cs_manifest_diff (c->base, c->ours, MAX_ROWS);
  if (g_task_return_error_if_cancelled (task))
    return;
  c->merged = cs_manifest_merge (c->base, c->ours, c->theirs, CS_MERGE_PREFER_OURS, &c->conflicts,
                                 &error);
  if (c->merged == NULL)
    g_warning ("Could not merge the two versions of draft %s: %s", c->ours->id,
               error != NULL ? error->message : "?");
  g_task_return_boolean (task, TRUE);
}

static void
fill_changes (AdwPreferencesGroup *group,
              CsManifest          *older,
              CsManifest          *newer,
              GPtrArray           *changes,
              GPtrArray           *paths)
{
  if (changes->len == 0)
    {
      add_row (group, _("No changes"), NULL);
      return;
    }
  for (guint i = 0; i < changes->len; i++)
    {
      CsChange *c = g_ptr_array_index (changes, i);
      /* a removed line is named as it was */
      g_autofree char *label = cs_field_label (c->kind == CS_CHANGE_REMOVED ? older : newer, c->path);

      g_ptr_array_add (paths, g_strdup (c->path));
      if (c->kind == CS_CHANGE_ADDED)
        /* Translators: under the name of a cargo line, container or document that one clerk added */
        add_row (group, label, C_("conflict change", "Added"));
      else if (c->kind == CS_CHANGE_REMOVED)
        /* Translators: a cargo line, container or document that one clerk removed */
        add_row (group, label, C_("conflict change", "Removed"));
      else
        add_row (group, label, NULL);
    }
  if (changes->len >= MAX_ROWS)
    add_row (group, _("… and more"), NULL);
}

/* Keep Both and the reason it cannot be pressed: while comparing, and when both changed the
 * same fields. */
static void
update_keep_both (CsConflictDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->keep_both_button), self->merged != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->both_reason_label), self->merged == NULL);
  /* a disabled button's tooltip cannot be reached from the keyboard: the reason describes it */
  if (self->merged == NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (self->keep_both_button),
                                    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->both_reason_label, NULL,
                                    -1);
  else
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->keep_both_button),
                                   GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
  if (!self->ready)
    gtk_label_set_text (self->both_reason_label,
                        _("Comparing the two versions: Keep Both can be chosen when it is done."));
  else if (self->merged == NULL && self->both_paths->len > 0)
    gtk_label_set_text (self->both_reason_label,
                        _("Both of you changed the same fields, so both versions cannot be kept "
                          "together: keep yours or theirs, then change those fields again."));
  else if (self->merged == NULL)
    gtk_label_set_text (self->both_reason_label, _("The two versions could not be merged."));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->keep_both_button),
                               self->merged != NULL
                                 ? _("Their changes and yours together")
                                 : gtk_label_get_text (self->both_reason_label));
}

static void
compare_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CsConflictDialog *self;
  Compare *c = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* Cancelled when the dialog was disposed: @user_data may be gone, touch nothing. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    return;
  self = CS_CONFLICT_DIALOG (user_data);

  self->their_paths = g_ptr_array_new_with_free_func (g_free);
  self->your_paths = g_ptr_array_new_with_free_func (g_free);
  self->both_paths = g_ptr_array_new_with_free_func (g_free);
  self->merged = g_steal_pointer (&c->merged);
  self->conflicts = g_steal_pointer (&c->conflicts);
  fill_changes (self->theirs_group, self->base, self->theirs, c->their_changes, self->their_paths);
  fill_changes (self->yours_group, self->base, self->ours, c->your_changes, self->your_paths);

  if (self->conflicts != NULL && self->conflicts->len > 0)
    {
      for (guint i = 0; i < self->conflicts->len; i++)
        {
          CsMergeConflict *mc = g_ptr_array_index (self->conflicts, i);
          g_autofree char *label = cs_field_label (self->ours, mc->path);
          g_autofree char *ours = value_text (mc->ours);
          g_autofree char *theirs = value_text (mc->theirs);
          /* Translators: the two values of one field that both clerks changed. */
          g_autofree char *subtitle = g_strdup_printf (_("Yours: %s · Theirs: %s"), ours, theirs);

          g_ptr_array_add (self->both_paths, g_strdup (mc->path));
          add_row (self->both_group, label, subtitle);
        }
      g_clear_object (&self->merged);
    }
  self->ready = TRUE;
  g_clear_object (&self->cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->comparing_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->theirs_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->yours_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->both_group), self->both_paths->len > 0);
  update_keep_both (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

/* Starts the comparison on a worker; the dialog says "Comparing…" meanwhile. */
static void
start_compare (CsConflictDialog *self)
{
  g_autoptr(GTask) task = NULL;
  Compare *c = g_new0 (Compare, 1);

  c->base = g_object_ref (self->base);
  c->ours = g_object_ref (self->ours);
  c->theirs = g_object_ref (self->theirs);
  self->cancellable = g_cancellable_new ();
  /* no source object: the worker never holds a reference to the dialog */
  task = g_task_new (NULL, self->cancellable, compare_done_cb, self);
  g_task_set_source_tag (task, start_compare);
  g_task_set_task_data (task, c, compare_free);
  g_task_run_in_thread (task, compare_worker);
  update_keep_both (self);
}

/* ---- callbacks --------------------------------------------------------------------------- */

static void
on_keep_theirs_clicked_cb (CsConflictDialog *self)
{
  cs_conflict_dialog_choose (self, CS_CONFLICT_KEEP_THEIRS);
}

static void
on_keep_yours_clicked_cb (CsConflictDialog *self)
{
  cs_conflict_dialog_choose (self, CS_CONFLICT_KEEP_YOURS);
}

static void
on_keep_both_clicked_cb (CsConflictDialog *self)
{
  cs_conflict_dialog_choose (self, CS_CONFLICT_KEEP_BOTH);
}

/* ---- GObject ----------------------------------------------------------------------------- */

static void
cs_conflict_dialog_dispose (GObject *object)
{
  CsConflictDialog *self = CS_CONFLICT_DIALOG (object);

  /* the comparison's answer, if it is still to come, finds the dialog gone and touches nothing */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_CONFLICT_DIALOG);
  g_clear_object (&self->base);
  g_clear_object (&self->ours);
  g_clear_object (&self->theirs);
  g_clear_object (&self->merged);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  g_clear_pointer (&self->their_paths, g_ptr_array_unref);
  g_clear_pointer (&self->your_paths, g_ptr_array_unref);
  g_clear_pointer (&self->both_paths, g_ptr_array_unref);

  G_OBJECT_CLASS (cs_conflict_dialog_parent_class)->dispose (object);
}

static void
cs_conflict_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CsConflictDialog *self = CS_CONFLICT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_conflict_dialog_class_init (CsConflictDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_conflict_dialog_dispose;
  object_class->get_property = cs_conflict_dialog_get_property;

  /* :ready: the two versions are compared; the lists and Keep Both are shown. */
  properties[PROP_READY] = g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                 G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* ::chosen (CsConflictChoice): the clerk chose; the dialog closes right after. */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/consign/Consign/ui/cs-conflict-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CsConflictDialog, headline_group);
  gtk_widget_class_bind_template_child (widget_class, CsConflictDialog, comparing_group);
  gtk_widget_class_bind_template_child (widget_class, CsConflictDialog, theirs_group);
  gtk_widget_class_bind_template_child (widget_class, CsConflictDialog, yours_group);
  gtk_widget_class_bind_template_child (widget_class, CsConflictDialog, both_group);
  gtk_widget_class_bind_template_child (widget_class, CsConflictDialog, keep_theirs_button);
  gtk_widget_class_bind_template_child (widget_class, CsConflictDialog, keep_yours_button);
  gtk_widget_class_bind_template_child (widget_class, CsConflictDialog, keep_both_button);
  gtk_widget_class_bind_template_child (widget_class, CsConflictDialog, both_reason_label);
  gtk_widget_class_bind_template_callback (widget_class, on_keep_theirs_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_keep_yours_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_keep_both_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cs_conflict_dialog_init (CsConflictDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---- public API -------------------------------------------------------------------------- */

char *
cs_conflict_headline (const char *who,
                      gint64      when)
{
  g_autoptr(GDateTime) time = when > 0 ? g_date_time_new_from_unix_local (when) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *at = NULL;

  if (time != NULL)
    {
      gboolean today = g_date_time_get_year (time) == g_date_time_get_year (now) &&
                       g_date_time_get_day_of_year (time) == g_date_time_get_day_of_year (now);
      /* Translators: a time of day (strftime format), and a date with time. */
      at = g_date_time_format (time, today ? C_("conflict time", "%H:%M")
                                           : C_("conflict time", "%Y-%m-%d %H:%M"));
    }
  if (who != NULL && *who != '\0' && at != NULL)
    /* Translators: "Li Wei saved this draft at 14:02 while you were editing." */
    return g_strdup_printf (_("%s saved this draft at %s while you were editing."), who, at);
  if (who != NULL && *who != '\0')
    return g_strdup_printf (_("%s saved this draft while you were editing."), who);
  if (at != NULL)
    return g_strdup_printf (_("Someone else saved this draft at %s while you were editing."), at);
  return g_strdup (_("Someone else saved this draft while you were editing."));
}

CsConflictDialog *
cs_conflict_dialog_new (CsManifest *base,
                        CsManifest *ours,
                        CsManifest *theirs,
                        const char *who,
                        gint64      when)
{
  CsConflictDialog *self;
  g_autofree char *headline = NULL;

  g_return_val_if_fail (CS_IS_MANIFEST (base), NULL);
  g_return_val_if_fail (CS_IS_MANIFEST (ours), NULL);
  g_return_val_if_fail (CS_IS_MANIFEST (theirs), NULL);

  self = g_object_new (CS_TYPE_CONFLICT_DIALOG, NULL);
  self->base = g_object_ref (base);
  self->ours = g_object_ref (ours);
  self->theirs = g_object_ref (theirs);
  headline = cs_conflict_headline (who, when);
  adw_preferences_group_set_title (self->headline_group, headline);
  start_compare (self);
  return self;
}

gboolean
cs_conflict_dialog_is_ready (CsConflictDialog *self)
{
  g_return_val_if_fail (CS_IS_CONFLICT_DIALOG (self), FALSE);
  return self->ready;
}

gboolean
cs_conflict_dialog_can_keep_both (CsConflictDialog *self)
{
  g_return_val_if_fail (CS_IS_CONFLICT_DIALOG (self), FALSE);
  return self->merged != NULL;
}

CsManifest *
cs_conflict_dialog_get_merged (CsConflictDialog *self)
{
  g_return_val_if_fail (CS_IS_CONFLICT_DIALOG (self), NULL);
  return self->merged;
}

GPtrArray *
cs_conflict_dialog_get_changes (CsConflictDialog *self,
                                CsConflictChoice  whose)
{
  g_return_val_if_fail (CS_IS_CONFLICT_DIALOG (self), NULL);

  switch (whose)
    {
    case CS_CONFLICT_KEEP_THEIRS:
      return self->their_paths;
    case CS_CONFLICT_KEEP_YOURS:
      return self->your_paths;
    case CS_CONFLICT_KEEP_BOTH:
    default:
      return self->both_paths;
    }
}

void
cs_conflict_dialog_choose (CsConflictDialog *self,
                           CsConflictChoice  choice)
{
  g_return_if_fail (CS_IS_CONFLICT_DIALOG (self));
  g_return_if_fail (choice != CS_CONFLICT_KEEP_BOTH || self->merged != NULL);

  if (self->chosen)
    return;
  self->chosen = TRUE;
  g_object_ref (self);
  g_signal_emit (self, signals[CHOSEN], 0, (int) choice);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}
