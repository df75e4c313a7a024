/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-sidebar.h: the drafts list (search, status filter, validation badges, New menu) */
#pragma once

#include <adwaita.h>

#include "cs-context.h"
#include "cs-enums.h"
#include "cs-store-watch.h"

G_BEGIN_DECLS

#define CS_TYPE_SIDEBAR (cs_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (CsSidebar, cs_sidebar, CS, SIDEBAR, AdwBin)

GtkWidget  *cs_sidebar_new            (CsContext  *context);
/* Re-reads the drafts (in the store thread); "loaded" is emitted when they are shown. */
void        cs_sidebar_reload         (CsSidebar  *self);
/* Selects the row of draft @id (if listed) without emitting "draft-activated". */
void        cs_sidebar_select         (CsSidebar  *self,
                                       const char *id);
/* Hides a draft until reload/unhide (a deletion waiting for its Undo toast to go); a hidden
 * draft is no longer the selected one. */
void        cs_sidebar_hide_draft     (CsSidebar  *self,
                                       const char *id);
void        cs_sidebar_unhide_draft   (CsSidebar  *self,
                                       const char *id);
void        cs_sidebar_focus_search   (CsSidebar  *self);
void        cs_sidebar_set_search     (CsSidebar  *self,
                                       const char *text);
/* Status filter: CS_STATUS_UNSET = all but archived, else the drafts of that status; a value
 * that is no CsStatus is a programming error (a critical; the filter stays as it was). */
void        cs_sidebar_set_status     (CsSidebar  *self,
                                       CsStatus    status);
/* The drafts shown (a GListModel of CsStoreSummary; borrowed). */
GListModel *cs_sidebar_get_model      (CsSidebar  *self);
/* TRUE once the store has been read at least once (with or without drafts). */
gboolean    cs_sidebar_is_loaded      (CsSidebar  *self);
/* What tells the sidebar that other clients changed drafts (borrowed; it lives as long as the
 * sidebar). A window editing a draft connects to its "drafts-changed": when the ids hold its
 * draft (or are NULL, "anything may have changed"), it reads the draft's revision and summary
 * (cs_store_get_summary(): revision, updated, and who saved it) to learn whether someone else
 * saved it since it was loaded. */
CsStoreWatch *cs_sidebar_get_watch    (CsSidebar  *self);
/* Who the store records as the author of this user's saves (property "user"), NULL until known;
 * rows of drafts someone else saved last say who and when. */
const char   *cs_sidebar_get_user     (CsSidebar  *self);
/* TRUE when the last load found no draft at all with no search and no filter. */
gboolean    cs_sidebar_store_is_empty (CsSidebar  *self);
/* Adds store templates to the New menu (names). */
void        cs_sidebar_set_templates  (CsSidebar  *self,
                                       const char * const *names);

/* The New menu (blank, from a corridor, from a template), for other "new" buttons to offer. */
GMenuModel *cs_sidebar_get_new_menu   (CsSidebar          *self);

G_END_DECLS
