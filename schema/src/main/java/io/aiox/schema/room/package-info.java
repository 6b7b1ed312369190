/** Group chat rooms (XEP-0045) agents joined on an invitation, and the list the component rejoins when it connects. */
package io.aiox.schema.room;
