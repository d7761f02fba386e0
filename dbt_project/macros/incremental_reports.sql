{#- Incremental by report. A model built with these macros processes, on an incremental run,
    only the reports that changed since it was last built, and drops the rows of reports that
    are gone:

        models/<layer>/by_report/x.sql, configured once for the folder in dbt_project.yml
        (incremental, delete+insert on unique_key, these pre- and post-hooks):
        select … from {{ ref('stg_sections') }} where {{ changed_reports_only() }}

    Which reports changed is decided per model against meta.dbt_report_versions, the ledger
    of the report versions (report_id, parsed_at, source_path) and the project code each model
    was last built from. Per model, not per run: a model that failed, was not selected, or
    was built by a run that stopped half-way is simply behind, and catches up on its next build.
    A report changes when it is new, re-parsed (a new parser: same report_id, new parsed_at) or
    moved (the same bytes under another path: new source_path); any change to the project's
    models or seeds changes the code version, and then every report counts as changed,
    so an edited rule or seed never leaves old rows behind (`--full-refresh` does the same
    faster). Processing a report twice is harmless: its rows are deleted before they are
    inserted. A model whose rows depend on more than its reports and the project's code passes
    that in as its own `version` (marts.keywords: the keyword reference it scored against). -#}

{% macro report_versions_ledger() %}meta.dbt_report_versions{% endmacro %}

{#- on-run-start: the ledger exists before any model reads it. -#}
{% macro create_report_versions_ledger() %}
    create schema if not exists meta;
    create table if not exists {{ report_versions_ledger() }} (
        model_name varchar, report_id varchar, parsed_at timestamp, source_path varchar, code_version varchar
    );
{% endmacro %}

{#- One hash of the SQL of every model and seed of this project (dbt's graph has no macros:
    after editing a macro an incremental model uses, build with --full-refresh). -#}
{% macro project_code_version() %}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set parts = [] -%}
    {%- for node in graph.nodes.values() | sort(attribute='unique_id') -%}
        {%- if node.package_name == project_name and node.resource_type in ('model', 'seed') -%}
            {%- do parts.append(node.unique_id ~ ':' ~ node.checksum.checksum) -%}
        {%- endif -%}
    {%- endfor -%}
    {{- local_md5(parts | join('|')) -}}
{% endmacro %}

{% macro _ledger_key() %}{{ this.schema }}.{{ this.identifier }}{% endmacro %}

{#- The report_ids this build of the model must (re)compute: every report on a full build,
    the new, re-parsed and moved ones on an incremental build. The ref is taken outside the
    branch so dbt sees the dependency when it parses the model. -#}
{% macro changed_reports(version=none) %}
    {%- set reports = ref('stg_reports') -%}
    {%- if is_incremental() -%}
        select report_id from (
            select report_id, parsed_at, source_path, '{{ version or project_code_version() }}' as code_version
            from {{ reports }}
            except
            select report_id, parsed_at, source_path, code_version
            from {{ report_versions_ledger() }}
            where model_name = '{{ _ledger_key() }}'
        )
    {%- else -%}
        select report_id from {{ reports }}
    {%- endif -%}
{% endmacro %}

{#- A where-condition keeping the rows of the reports this build computes. -#}
{% macro changed_reports_only(column='report_id', version=none) %}
    {%- set reports = ref('stg_reports') -%}
    {%- if is_incremental() -%}
        {{ column }} in ({{ changed_reports(version) }})
    {%- else -%}
        true
    {%- endif -%}
{% endmacro %}

{#- pre_hook: delete the rows of changed and removed reports. delete+insert alone would miss
    a changed report whose new parse has no rows in this model, and every removed report.
    A model keyed by another id (unique_key: section_id, mention_id) finds a row's report in
    the key's first part: every id of the raw layer starts with its report_id. -#}
{% macro delete_changed_reports(version=none) %}
    {%- if is_incremental() -%}
        {%- set key = config.get('unique_key') or 'report_id' -%}
        {%- set report = key if key == 'report_id' else "split_part(" ~ key ~ ", '-', 1)" -%}
        delete from {{ this }}
        where {{ report }} not in (
            select report_id from {{ ref('stg_reports') }}
            where report_id not in ({{ changed_reports(version) }})
        )
    {%- endif -%}
{% endmacro %}

{#- post_hook: the model now holds exactly the current reports, built by this code. -#}
{% macro record_report_versions(version=none) %}
    delete from {{ report_versions_ledger() }} where model_name = '{{ _ledger_key() }}';
    insert into {{ report_versions_ledger() }}
    select '{{ _ledger_key() }}', report_id, parsed_at, source_path, '{{ version or project_code_version() }}'
    from {{ ref('stg_reports') }}
{% endmacro %}

{#- A test's `where: "reports_not_yet_built_by <schema>.<model>"`: only the reports `model` has not
    been built from yet. For the key tests of the big raw-layer tables (tokens, sentences):
    under `dbt build` a model waits for the tests of its parents, so when such a test runs,
    `model` (a child of the tested table) still holds the previous build, and these are
    exactly the reports no passing test has checked. A failed test skips `model`, which then
    stays behind, so the next build checks the same reports again. Keys of other reports
    cannot collide with them: every id starts with its report_id. On a new warehouse, with
    `--full-refresh` and with `--vars '{test_all_reports: true}'`, every report is checked. dbt renders a test's
    `where` before macros exist, hence the phrase, expanded here (dbt's documented override). -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where') or '' -%}
    {%- if where.startswith('reports_not_yet_built_by ') -%}
        {%- if var('test_all_reports', false) or flags.FULL_REFRESH -%}
            {%- set where = 'true' -%}
        {%- else -%}
            {#- the tested models are staging views beside stg_reports -#}
            {%- set where -%}
                report_id in (
                    select report_id from (
                        select report_id, parsed_at, source_path
                        from {{ relation.incorporate(path={'identifier': 'stg_reports'}) }}
                        except
                        select report_id, parsed_at, source_path from {{ report_versions_ledger() }}
                        where model_name = '{{ where.split(' ')[1] }}'
                    )
                )
            {%- endset -%}
        {%- endif -%}
        {{- return('(select * from ' ~ relation ~ ' where ' ~ where ~ ') dbt_subquery') -}}
    {%- endif -%}
    {{- return(adapter.dispatch('get_where_subquery', 'dbt')(relation)) -}}
{%- endmacro %}
