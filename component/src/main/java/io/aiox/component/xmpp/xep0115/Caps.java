package io.aiox.component.xmpp.xep0115;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import org.dom4j.Element;

/**
 * The XEP-0115 (section 5.1) verification string of a disco#info {@code <query/>}: identities, features and
 * extended forms, each sorted, joined with {@code <}, hashed with SHA-1 and base64-encoded.
 */
public final class Caps {
  public static final String NAMESPACE = "http://jabber.org/protocol/caps";
  /** The node clients cache our capabilities under. */
  public static final String NODE = "urn:aiox:hub";

  private Caps() {}

  public static String ver(Element query) {
    StringBuilder s = new StringBuilder();
    List<String> identities = new ArrayList<>();
    for (Element i : query.elements("identity")) {
      identities.add(attr(i, "category") + "/" + attr(i, "type") + "/" + attr(i, "xml:lang") + "/" + attr(i, "name"));
    }
    identities.sort(Comparator.naturalOrder());
    identities.forEach(i -> s.append(i).append('<'));
    List<String> features = new ArrayList<>();
    query.elements("feature").forEach(f -> features.add(attr(f, "var")));
    features.sort(Comparator.naturalOrder());
    features.forEach(f -> s.append(f).append('<'));
    List<Element> forms = new ArrayList<>(query.elements("x"));
    forms.sort(Comparator.comparing(Caps::formType));
    for (Element form : forms) {
      s.append(formType(form)).append('<');
      List<Element> fields = new ArrayList<>();
      form.elements("field").stream().filter(f -> !"FORM_TYPE".equals(attr(f, "var"))).forEach(fields::add);
      fields.sort(Comparator.comparing(f -> attr(f, "var")));
      for (Element field : fields) {
        s.append(attr(field, "var")).append('<');
        List<String> values = new ArrayList<>();
        field.elements("value").forEach(v -> values.add(v.getText()));
        values.sort(Comparator.naturalOrder());
        values.forEach(v -> s.append(v).append('<'));
      }
    }
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(s.toString().getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-1", e);
    }
  }

  /** Adds {@code <c/>} for {@code query} to a presence element. */
  public static void addTo(Element presence, Element query) {
    presence.addElement("c", NAMESPACE).addAttribute("hash", "sha-1").addAttribute("node", NODE)
        .addAttribute("ver", ver(query));
  }

  private static String formType(Element form) {
    for (Element f : form.elements("field")) {
      if ("FORM_TYPE".equals(attr(f, "var"))) {
        Element v = f.element("value");
        return v == null ? "" : v.getText();
      }
    }
    return "";
  }

  private static String attr(Element e, String name) {
    String v = name.equals("xml:lang") ? e.attributeValue(org.dom4j.QName.get("lang", org.dom4j.Namespace.XML_NAMESPACE))
        : e.attributeValue(name);
    return v == null ? "" : v;
  }
}
