package org.iocmap.styles.sld;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Validates documents against the OGC's SLD 1.0.0 schema, offline.
 *
 * <p>The schemas come from two test-scope jars: {@code org.jvnet.ogc:ogc-schemas} holds a copy of schemas.opengis.net
 * under {@code ogc/} (SLD 1.0.0, Filter 1.0.0, GML 2.1.2), and {@code org.hisrc.w3c:w3c-schemas} holds the W3C schemas
 * they import under {@code w3c/} ({@code 1999/xlink.xsd}, {@code 2001/xml.xsd}). The SLD schema is loaded under its
 * published address, so that its relative includes resolve to published addresses too, and the resolver below maps
 * every {@code http://schemas.opengis.net/…} and {@code http://www.w3.org/…} address to the copy in those jars. An
 * address with no copy fails the test instead of going to the network, and {@code ACCESS_EXTERNAL_SCHEMA} and
 * {@code ACCESS_EXTERNAL_DTD} are set to no protocol at all, so nothing the resolver does not hand over can be read.
 */
final class SldSchema {
    private static final String OGC_SCHEMAS = "http://schemas.opengis.net/";
    private static final String W3C = "http://www.w3.org/";

    /** Every schema document that was loaded, by its published address; the tests check it names the OGC ones. */
    static final List<String> LOADED = new ArrayList<>();

    private static final Schema SCHEMA = load();

    private SldSchema() {}

    /** Returns every validation error in {@code xml}, each with its line and column; empty when it is valid. */
    static List<String> errorsIn(String xml) {
        List<String> errors = new ArrayList<>();
        Validator validator = SCHEMA.newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                    // warnings do not make a document invalid
                }

                @Override
                public void error(SAXParseException e) {
                    errors.add(describe(e));
                }

                @Override
                public void fatalError(SAXParseException e) {
                    errors.add(describe(e));
                }
            });
            validator.validate(new StreamSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            // Not well-formed: the handler has recorded it already.
            if (errors.isEmpty()) {
                errors.add(describe(e));
            }
        } catch (SAXException | IOException e) {
            errors.add(e.toString());
        }
        return errors;
    }

    private static String describe(SAXParseException e) {
        return "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage();
    }

    private static Schema load() {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        try {
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setResourceResolver(new BundledSchemas());
            String root = OGC_SCHEMAS + "sld/1.0.0/StyledLayerDescriptor.xsd";
            StreamSource source = new StreamSource(open(root), root);
            synchronized (LOADED) {
                LOADED.add(root);
            }
            return factory.newSchema(source);
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("cannot load the bundled OGC SLD 1.0.0 schema", e);
        }
    }

    /** Opens the bundled copy of the schema published at {@code address}. */
    private static InputStream open(String address) throws IOException {
        String resource;
        if (address.startsWith(OGC_SCHEMAS)) {
            resource = "ogc/" + address.substring(OGC_SCHEMAS.length());
        } else if (address.startsWith(W3C)) {
            resource = "w3c/" + address.substring(W3C.length());
        } else {
            throw new IOException("no bundled copy of " + address + "; schema validation must not use the network");
        }
        URL url = SldSchema.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IOException("no bundled copy of " + address + " (looked for the class-path resource " + resource
                    + "); schema validation must not use the network");
        }
        return url.openStream();
    }

    private static final class BundledSchemas implements LSResourceResolver {
        @Override
        public LSInput resolveResource(
                String type, String namespace, String publicId, String systemId, String baseUri) {
            if (systemId == null) {
                throw new IllegalStateException("schema import of " + namespace + " has no schemaLocation");
            }
            // Relative includes (expr.xsd, gml.xsd) resolve against the published address of the including schema.
            String address = baseUri == null
                    ? systemId
                    : URI.create(baseUri).resolve(systemId).toString();
            try {
                InputStream in = open(address);
                synchronized (LOADED) {
                    LOADED.add(address);
                }
                return new Input(address, publicId, in);
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    /** Hands one bundled schema to the parser under its published address. */
    private record Input(String systemId, String publicId, InputStream byteStream) implements LSInput {
        @Override
        public String getSystemId() {
            return systemId;
        }

        @Override
        public String getPublicId() {
            return publicId;
        }

        @Override
        public InputStream getByteStream() {
            return byteStream;
        }

        @Override
        public Reader getCharacterStream() {
            return null;
        }

        @Override
        public String getStringData() {
            return null;
        }

        @Override
        public String getBaseURI() {
            return systemId;
        }

        @Override
        public String getEncoding() {
            return null;
        }

        @Override
        public boolean getCertifiedText() {
            return false;
        }

        // The parser only reads an LSInput; the setters exist for the interface.
        @Override
        public void setCharacterStream(Reader characterStream) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setByteStream(InputStream byteStream) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setStringData(String stringData) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setSystemId(String systemId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setPublicId(String publicId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setBaseURI(String baseURI) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setEncoding(String encoding) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setCertifiedText(boolean certifiedText) {
            throw new UnsupportedOperationException();
        }
    }
}
