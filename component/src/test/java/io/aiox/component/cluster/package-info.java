/** Tests of hubs on a clustered event bus: component and worker nodes as separate processes. */
package io.aiox.component.cluster;
