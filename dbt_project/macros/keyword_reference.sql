{#- The corpus statistics keywords are scored against (intermediate.int_keyword_reference).

    Exact TF-IDF is corpus-wide: one added report changes N and the document frequency of each
    of its words, so every score in the corpus moves (in the sixth decimal, at 10,000 reports)
    and the whole table had to be recomputed on every run: most of the cost of adding one
    report. Instead every report is scored against a reference, the document frequencies of the
    corpus as it was when the reference was last built, as if the report were one more document
    of that corpus. The reference is rebuilt, and every report scored again, exactly, when the
    reports that are new, changed or removed since it was built exceed `keyword_reference_drift`
    (a dbt var, default 0.05) of the corpus it counted, and on every --full-refresh or change to
    the project's models and seeds. In between, a run scores only its new and changed reports. -#}

{% macro keyword_reference_is_stale() %}
    {#- The refs come first, so dbt sees the dependencies when it parses the model. -#}
    {%- set reports = ref('stg_reports') -%}
    {%- if not execute -%}{{ return(true) }}{%- endif -%}
    {%- if not is_incremental() -%}{{ return(true) }}{%- endif -%}
    {%- set sql -%}
        with counted as (
            select report_id, parsed_at from {{ report_versions_ledger() }}
            where model_name = '{{ _ledger_key() }}' and code_version = '{{ project_code_version() }}'
        ),
        current_reports as (select report_id, parsed_at from {{ reports }}),
        differing as (
            select count(*) as n from (
                (from current_reports except from counted) union all (from counted except from current_reports)
            )
        )
        select (select count(*) from counted) = 0
            or (select n from differing) > {{ var('keyword_reference_drift', 0.05) }} * (select count(*) from counted)
    {%- endset -%}
    {{ return(run_query(sql).columns[0].values()[0]) }}
{% endmacro %}

{#- pre_hook of the reference: a stale reference is emptied before it is counted again. -#}
{% macro clear_stale_keyword_reference() %}
    {%- if is_incremental() and keyword_reference_is_stale() -%}
        delete from {{ this }}
    {%- endif -%}
{% endmacro %}

{#- post_hook of the reference: which report versions a rebuilt reference counted. -#}
{% macro record_keyword_reference() %}
    {%- if keyword_reference_is_stale() -%}
        {{ record_report_versions() }}
    {%- endif -%}
{% endmacro %}

{#- marts.keywords' version: the project's code and the reference it scores against, so a
    rebuilt reference scores every report again. -#}
{% macro keyword_version() %}
    {%- set reference = ref('int_keyword_reference') -%}
    {#- Not built yet (a first build renders this before the reference exists; so does a lint). -#}
    {%- if not execute or load_relation(reference) is none -%}{{ return('') }}{%- endif -%}
    {%- set built = run_query('select coalesce(cast(max(built_at) as varchar), \'\') from ' ~ reference) -%}
    {{ return(project_code_version() ~ '@' ~ built.columns[0].values()[0]) }}
{% endmacro %}
