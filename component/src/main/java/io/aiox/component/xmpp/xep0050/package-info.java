/** XEP-0050 Ad-Hoc Commands an agent offers its owner: reset the conversation, show quota, show or switch model. */
package io.aiox.component.xmpp.xep0050;
