package io.codeanatomy.processor.model;

/**
 * One component of a policy: a settings schema under a component name.
 *
 * @param name the record component name ({@code execution})
 * @param schema the schema record's type
 * @param origin the record component
 */
public record PolicyComponent(String name, TypeRef schema, Origin origin) {}
