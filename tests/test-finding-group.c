/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-finding-group.c: identical findings summed up (cs-finding-group.h) */

#include "config.h"

#include "cs-finding-group.h"

static CsFinding *
finding (const char *rule,
         CsSeverity  severity,
         guint       line,
         const char *hint)
{
  g_autofree char *path = g_strdup_printf ("items[%u].hs_code", line - 1);
  g_autofree char *message = g_strdup_printf ("Line %u has no HS code", line);

  return cs_finding_new (rule, severity, path, message, hint);
}

/* Five of one shape become one entry at the first one's place; a rule, severity or hint that
 * differs is another problem; shapes with fewer than the minimum stay one entry each. */
static void
test_group (void)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GListModel) lines = NULL;
  CsFindingGroup *group;

  g_ptr_array_add (findings, finding ("item.description", CS_SEVERITY_ERROR, 1, "Describe"));  /* 0 */
  for (guint k = 0; k < 5; k++)
    g_ptr_array_add (findings, finding ("item.hs_format", CS_SEVERITY_ERROR, 2 + k, "Enter"));   /* 1–5 */
  g_ptr_array_add (findings, finding ("item.hs_format", CS_SEVERITY_ERROR, 9, "Digits only")); /* 6 */
  g_ptr_array_add (findings, finding ("item.hs_format", CS_SEVERITY_WARNING, 10, "Enter"));    /* 7 */
  g_ptr_array_add (findings, finding ("item.description", CS_SEVERITY_ERROR, 11, "Describe")); /* 8 */

  g_assert_true (cs_finding_same_shape (findings->pdata[1], findings->pdata[5]));
  g_assert_false (cs_finding_same_shape (findings->pdata[1], findings->pdata[6]));
  g_assert_false (cs_finding_same_shape (findings->pdata[1], findings->pdata[7]));
  g_assert_false (cs_finding_same_shape (findings->pdata[0], findings->pdata[1]));

  groups = cs_finding_group_findings ((CsFinding * const *) findings->pdata, findings->len, CS_FINDING_GROUP_MIN);
  g_assert_cmpuint (groups->len, ==, 5);
  g_assert_true (cs_finding_group_get_first (groups->pdata[0]) == findings->pdata[0]);
  g_assert_cmpuint (cs_finding_group_get_n_findings (groups->pdata[0]), ==, 1);
  group = groups->pdata[1];
  g_assert_cmpuint (cs_finding_group_get_n_findings (group), ==, 5);
  for (guint k = 0; k < 5; k++)
    g_assert_true (cs_finding_group_get_finding (group, k) == findings->pdata[1 + k]);
  g_assert_true (cs_finding_group_get_first (groups->pdata[2]) == findings->pdata[6]);
  g_assert_true (cs_finding_group_get_first (groups->pdata[3]) == findings->pdata[7]);
  /* two of a shape are below the minimum: each stays where it was */
  g_assert_true (cs_finding_group_get_first (groups->pdata[4]) == findings->pdata[8]);
  g_assert_cmpuint (cs_finding_group_get_n_findings (groups->pdata[4]), ==, 1);

  /* the lines on demand, in order */
  lines = g_object_ref (G_LIST_MODEL (group));
  g_assert_true (g_list_model_get_item_type (lines) == CS_TYPE_FINDING);
  g_assert_cmpuint (g_list_model_get_n_items (lines), ==, 5);
  for (guint k = 0; k < 5; k++)
    {
      g_autoptr(CsFinding) f = g_list_model_get_item (lines, k);

      g_assert_true (f == findings->pdata[1 + k]);
    }
  g_clear_pointer (&groups, g_ptr_array_unref);

  /* exactly the minimum is a group; one fewer is not */
  groups = cs_finding_group_findings ((CsFinding * const *) findings->pdata, findings->len, 5);
  g_assert_cmpuint (groups->len, ==, 5);
  g_clear_pointer (&groups, g_ptr_array_unref);
  groups = cs_finding_group_findings ((CsFinding * const *) findings->pdata, findings->len, 6);
  g_assert_cmpuint (groups->len, ==, findings->len);
  g_clear_pointer (&groups, g_ptr_array_unref);

  /* a minimum of 2 sums up the two descriptions too, at the first one's place */
  groups = cs_finding_group_findings ((CsFinding * const *) findings->pdata, findings->len, 2);
  g_assert_cmpuint (groups->len, ==, 4);
  g_assert_cmpuint (cs_finding_group_get_n_findings (groups->pdata[0]), ==, 2);
  g_assert_true (cs_finding_group_get_finding (groups->pdata[0], 1) == findings->pdata[8]);
  g_clear_pointer (&groups, g_ptr_array_unref);

  /* G_MAXUINT (consign validate --all): every finding its own entry, in order */
  groups = cs_finding_group_findings ((CsFinding * const *) findings->pdata, findings->len, G_MAXUINT);
  g_assert_cmpuint (groups->len, ==, findings->len);
  for (guint i = 0; i < findings->len; i++)
    g_assert_true (cs_finding_group_get_first (groups->pdata[i]) == findings->pdata[i]);
  g_clear_pointer (&groups, g_ptr_array_unref);

  groups = cs_finding_group_findings (NULL, 0, CS_FINDING_GROUP_MIN);
  g_assert_cmpuint (groups->len, ==, 0);
}

/* 60,000 findings of two shapes: two entries holding every finding (and no quadratic work). */
static void
test_many (void)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) groups = NULL;

  for (guint i = 0; i < 60000; i++)
    g_ptr_array_add (findings, finding (i % 2 ? "item.hs_format" : "item.description", CS_SEVERITY_ERROR, i + 1,
                                        i % 2 ? "Enter the HS code" : "Describe the goods"));
  groups = cs_finding_group_findings ((CsFinding * const *) findings->pdata, findings->len, CS_FINDING_GROUP_MIN);
  g_assert_cmpuint (groups->len, ==, 2);
  g_assert_cmpuint (cs_finding_group_get_n_findings (groups->pdata[0]), ==, 30000);
  g_assert_cmpuint (cs_finding_group_get_n_findings (groups->pdata[1]), ==, 30000);
  g_assert_cmpstr (cs_finding_group_get_finding (groups->pdata[1], 29999)->path, ==, "items[59999].hs_code");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/finding-group/group", test_group);
  g_test_add_func ("/finding-group/many", test_many);
  return g_test_run ();
}
