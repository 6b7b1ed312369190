package io.aiox.schema.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The first, textual check of database_query and the table names it compares (the plan check is in the IT). */
class QueryTextTest {
  @Test
  void admits_statements_that_start_a_read_after_comments_and_white_space() {
    assertThat(QueryText.refusal("SELECT 1")).isNull();
    assertThat(QueryText.refusal("  -- why\n /* note */ with x as (select 1) select * from x")).isNull();
    assertThat(QueryText.refusal("VALUES (1)")).isNull();
    assertThat(QueryText.refusal("table orders")).isNull();
  }

  @Test
  void refuses_statements_that_are_no_query() {
    assertThat(QueryText.refusal("CREATE TABLE t AS SELECT 1")).contains("starts with 'create'");
    assertThat(QueryText.refusal("/* */ EXECUTE plan")).contains("starts with 'execute'");
    assertThat(QueryText.refusal("DECLARE c CURSOR FOR SELECT 1")).contains("'declare'");
    assertThat(QueryText.refusal("(SELECT 1)")).contains("starts with '(SELECT 1)'");
    assertThat(QueryText.refusal("/* never closed SELECT 1")).contains("comment that does not end");
    assertThat(QueryText.refusal("   ")).contains("starts with ''");
  }

  @Test
  void table_names_default_to_public_and_compare_in_lower_case() {
    assertThat(TableName.parse("Orders")).isEqualTo(new TableName("public", "orders"));
    assertThat(TableName.parse("sales.orders")).isEqualTo(new TableName("sales", "orders"));
    assertThatThrownBy(() -> TableName.parse("a.b.c")).hasMessageContaining("not a table name");
    assertThatThrownBy(() -> TableName.parse("orders; drop")).hasMessageContaining("not a table name");
    assertThatThrownBy(() -> TableName.parse("\"Quoted\"")).hasMessageContaining("not a table name");
  }
}
