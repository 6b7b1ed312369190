/**
 * What a component node does on a clustered event bus beyond sending turns: watching the worker nodes that took
 * them, so that a worker lost mid-turn ends its turns with a text instead of silence.
 */
package io.aiox.component.cluster;
