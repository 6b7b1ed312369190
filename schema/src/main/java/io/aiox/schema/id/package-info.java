/**
 * Typed identifiers. An owner id and an agent id are both UUIDs; mixing them up would be a tenant-isolation bug,
 * so no repository takes a bare UUID or string where one of these is meant.
 */
package io.aiox.schema.id;
