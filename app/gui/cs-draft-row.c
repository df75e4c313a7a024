/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-draft-row.c: one row of the sidebar's drafts list
 *
 * The row's widgets and what they show are declared in ui/cs-draft-row.ui, a template for a
 * GtkBuilderListItemFactory; the functions its <closure> tags call (the words and figures of a
 * row) are here, in the factory's scope.
 *
 * A draft someone else saved last says who and when ("Li Wei · 14:02"). Who "someone else" is
 * depends on who we are: the row follows the "user" of the CsSidebar it is shown in (none
 * outside a sidebar, or before the store said: then no author is shown). */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cs-draft-row.h"
#include "cs-format.h"
#include "cs-sidebar.h"

struct _CsDraftRow
{
  GtkBox          parent_instance;

  CsStoreSummary *summary;
  char           *user;
  GBinding       *user_binding;   /* from the sidebar's "user", while rooted in one */
};

G_DEFINE_FINAL_TYPE (CsDraftRow, cs_draft_row, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_SUMMARY,
  PROP_USER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- what a row says --------------------------------------------------------------------- */

/* @updated (Unix time) in local time: with @today_format when it is today, else @older_format. */
static char *
format_time (gint64      updated,
             const char *today_format,
             const char *older_format)
{
  g_autoptr(GDateTime) then = g_date_time_new_from_unix_local (updated);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (then == NULL)
    return g_strdup ("");
  if (g_date_time_get_year (then) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (then) == g_date_time_get_day_of_year (now))
    return g_date_time_format (then, today_format);
  return g_date_time_format (then, older_format);
}

static char *
format_updated (gint64 updated)
{
  return format_time (updated, _("today %H:%M"), "%Y-%m-%d");
}

/* "✖ 1,234": @glyph and @count grouped by the screen's number formatter (cs_format_decimal). */
static char *
format_badge (const char *glyph,
              int         count)
{
  g_autofree char *figure = cs_format_decimal (count, 0);

  return g_strdup_printf ("%s %s", glyph, figure);
}

static const char *
reference_text (const char *reference)
{
  return reference != NULL ? reference : _("New draft");
}

/* "consignee · corridor · Status · today 09:30", saying what is not set yet. */
static char *
subtitle_text (const char *consignee,
               const char *corridor,
               const char *status,
               gint64      updated)
{
  g_autofree char *when = format_updated (updated);

  return g_strdup_printf ("%s · %s · %s · %s",
                          consignee ? consignee : _("no consignee"),
                          corridor ? corridor : _("no corridor"),
                          cs_format_status (status), when);
}

/* TRUE when @updated_by is known and not @user (who we are; NULL: not known, say nothing). */
static gboolean
saved_by_other (const char *updated_by,
                const char *user)
{
  return updated_by != NULL && *updated_by != '\0' && user != NULL && strcmp (updated_by, user) != 0;
}

/* "14:02" today, "2026-12-05 14:02" before. */
static char *
format_saved_at (gint64 updated)
{
  return format_time (updated, "%H:%M", "%Y-%m-%d %H:%M");
}

/* "Li Wei · 14:02" */
static char *
saved_by_text (const char *updated_by,
               gint64      updated)
{
  g_autofree char *when = format_saved_at (updated);

  /* TRANSLATORS: who saved a draft last, and when ("Li Wei · 14:02") */
  return g_strdup_printf (C_("draft row", "%s · %s"), updated_by, when);
}

/* The <closure> functions of ui/cs-draft-row.ui; the first argument is the GtkListItem. */

static char *
draft_row_saved_by (gpointer    list_item,
                    const char *updated_by,
                    gint64      updated)
{
  return updated_by != NULL ? saved_by_text (updated_by, updated) : g_strdup ("");
}

static gboolean
draft_row_saved_by_other (gpointer    list_item,
                          const char *updated_by,
                          const char *user)
{
  return saved_by_other (updated_by, user);
}

static char *
draft_row_reference (gpointer    list_item,
                     const char *reference)
{
  return g_strdup (reference_text (reference));
}

static char *
draft_row_subtitle (gpointer    list_item,
                    const char *consignee,
                    const char *corridor,
                    const char *status,
                    gint64      updated)
{
  return subtitle_text (consignee, corridor, status, updated);
}

/* The badges group their figures as every number on screen does ("✖ 1,234"). */
static char *
draft_row_errors_badge (gpointer list_item,
                        int      n_errors)
{
  return format_badge ("✖", n_errors);
}

static char *
draft_row_warnings_badge (gpointer list_item,
                          int      n_warnings)
{
  return format_badge ("⚠", n_warnings);
}

/* A badge shows from one finding up (-1 is "never validated"). */
static gboolean
draft_row_has_count (gpointer list_item,
                     int      count)
{
  return count > 0;
}

static void
update_accessible_label (CsDraftRow *self)
{
  CsStoreSummary *s = self->summary;
  g_autofree char *subtitle = NULL;
  g_autofree char *a11y = NULL;
  const char *reference;

  if (s == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }
  reference = reference_text (s->reference);
  subtitle = subtitle_text (s->consignee, s->corridor, s->status, s->updated);
  if (s->n_errors < 0)
    a11y = g_strdup_printf (_("%s, %s, not validated yet"), reference, subtitle);
  else
    {
      g_autofree char *counts = cs_format_finding_counts ((guint) s->n_errors, (guint) MAX (s->n_warnings, 0), -1);

      a11y = g_strdup_printf ("%s, %s, %s", reference, subtitle, counts);
    }
  if (saved_by_other (s->updated_by, self->user))
    {
      g_autofree char *when = format_saved_at (s->updated);
      g_autofree char *with_author = NULL;

      /* TRANSLATORS: the row's description, then who saved the draft last and when */
      with_author = g_strdup_printf (_("%s, last saved by %s at %s"), a11y, s->updated_by, when);
      g_free (a11y);
      a11y = g_steal_pointer (&with_author);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
}

/* ---- GObject ----------------------------------------------------------------------------- */

static void
cs_draft_row_set_user (CsDraftRow *self,
                       const char *user)
{
  if (g_strcmp0 (self->user, user) == 0)
    return;
  g_free (self->user);
  self->user = g_strdup (user);
  update_accessible_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
}

static void
cs_draft_row_root (GtkWidget *widget)
{
  CsDraftRow *self = CS_DRAFT_ROW (widget);
  GtkWidget *sidebar;

  GTK_WIDGET_CLASS (cs_draft_row_parent_class)->root (widget);
  sidebar = gtk_widget_get_ancestor (widget, CS_TYPE_SIDEBAR);
  if (sidebar != NULL && self->user_binding == NULL)
    self->user_binding = g_object_bind_property (sidebar, "user", self, "user", G_BINDING_SYNC_CREATE);
}

static void
cs_draft_row_unroot (GtkWidget *widget)
{
  CsDraftRow *self = CS_DRAFT_ROW (widget);

  if (self->user_binding != NULL)
    g_binding_unbind (g_steal_pointer (&self->user_binding));
  GTK_WIDGET_CLASS (cs_draft_row_parent_class)->unroot (widget);
}

static void
cs_draft_row_dispose (GObject *object)
{
  CsDraftRow *self = CS_DRAFT_ROW (object);

  if (self->user_binding != NULL)
    g_binding_unbind (g_steal_pointer (&self->user_binding));
  g_clear_object (&self->summary);
  g_clear_pointer (&self->user, g_free);

  G_OBJECT_CLASS (cs_draft_row_parent_class)->dispose (object);
}

static void
cs_draft_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CsDraftRow *self = CS_DRAFT_ROW (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      g_value_set_object (value, self->summary);
      break;
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_draft_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CsDraftRow *self = CS_DRAFT_ROW (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      cs_draft_row_set_summary (self, g_value_get_object (value));
      break;
    case PROP_USER:
      cs_draft_row_set_user (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_draft_row_class_init (CsDraftRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_draft_row_dispose;
  widget_class->root = cs_draft_row_root;
  widget_class->unroot = cs_draft_row_unroot;
  object_class->get_property = cs_draft_row_get_property;
  object_class->set_property = cs_draft_row_set_property;

  properties[PROP_SUMMARY] =
    g_param_spec_object ("summary", NULL, NULL, CS_TYPE_STORE_SUMMARY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* who we are (the sidebar's "user"): a draft saved last by someone else says who */
  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_draft_row_init (CsDraftRow *self)
{
}

/* ---- public API -------------------------------------------------------------------------- */

CsStoreSummary *
cs_draft_row_get_summary (CsDraftRow *self)
{
  g_return_val_if_fail (CS_IS_DRAFT_ROW (self), NULL);
  return self->summary;
}

void
cs_draft_row_set_summary (CsDraftRow     *self,
                          CsStoreSummary *summary)
{
  g_return_if_fail (CS_IS_DRAFT_ROW (self));
  g_return_if_fail (summary == NULL || CS_IS_STORE_SUMMARY (summary));

  if (!g_set_object (&self->summary, summary))
    return;
  update_accessible_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

GtkListItemFactory *
cs_draft_row_factory_new (void)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();

  g_type_ensure (CS_TYPE_DRAFT_ROW);
  g_type_ensure (CS_TYPE_STORE_SUMMARY);
  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "draft_row_reference", G_CALLBACK (draft_row_reference),
                                           "draft_row_subtitle", G_CALLBACK (draft_row_subtitle),
                                           "draft_row_errors_badge", G_CALLBACK (draft_row_errors_badge),
                                           "draft_row_warnings_badge", G_CALLBACK (draft_row_warnings_badge),
                                           "draft_row_has_count", G_CALLBACK (draft_row_has_count),
                                           "draft_row_saved_by", G_CALLBACK (draft_row_saved_by),
                                           "draft_row_saved_by_other", G_CALLBACK (draft_row_saved_by_other),
                                           NULL);
  return gtk_builder_list_item_factory_new_from_resource (scope, RESOURCE_BASE "/ui/cs-draft-row.ui");
}
