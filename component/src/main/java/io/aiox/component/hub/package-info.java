/** The hub process: its configuration, start-up order (schema, Redis, component) and the operator commands' entry. */
package io.aiox.component.hub;
