package io.aiox.component.xmpp.xep0153;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.AgentJid;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.OffsetDateTime;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;

class AvatarTest {
  @Test
  void an_agent_without_an_avatar_gets_an_identicon_png_drawn_from_its_id_alone() throws Exception {
    AgentId id = AgentId.random();
    byte[] png = Identicon.png(id);
    assertThat(Identicon.png(new AgentId(id.value()))).isEqualTo(png);
    assertThat(Identicon.png(AgentId.random())).isNotEqualTo(png);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(Identicon.SIZE);
    assertThat(Avatar.of(agent(id, "")).orElseThrow().type()).isEqualTo("image/png");
  }

  @Test
  void an_owners_data_uri_is_the_picture_and_an_https_one_has_no_hash() {
    byte[] gif = {'G', 'I', 'F', '8', '9', 'a'};
    Avatar own = Avatar.of(agent(AgentId.random(), "data:image/gif;base64," + Base64.getEncoder().encodeToString(gif)))
        .orElseThrow();
    assertThat(own.type()).isEqualTo("image/gif");
    assertThat(own.data()).isEqualTo(gif);
    assertThat(Avatar.of(agent(AgentId.random(), "https://example.org/a.png"))).isEmpty();
  }

  /** XEP-0153 section 4.1: the photo element holds the hex SHA-1 of the image data. */
  @Test
  void presence_carries_the_sha1_of_the_picture() {
    Agent agent = agent(AgentId.random(), "data:image/png;base64," + Base64.getEncoder().encodeToString(new byte[]{1}));
    Element presence = DocumentHelper.createElement("presence");
    AvatarUpdate.addTo(presence, agent);
    assertThat(presence.element("x").getNamespaceURI()).isEqualTo(AvatarUpdate.NAMESPACE);
    assertThat(presence.element("x").elementText("photo")).isEqualTo("bf8b4530d8d246dd74ac53a13471bba17941dff7");
  }

  private static Agent agent(AgentId id, String avatar) {
    return new Agent(id, OwnerId.random(), new AgentJid(id, "agents.hub.example"),
        new JsonObject().put("avatar", avatar), new JsonObject(), new JsonObject(), new JsonObject(), new JsonObject(), 1, Visibility.PRIVATE,
        OffsetDateTime.now(), OffsetDateTime.now(), null);
  }
}
