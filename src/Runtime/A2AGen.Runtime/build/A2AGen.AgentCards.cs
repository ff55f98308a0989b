// The build step that writes agent-cards/<agent-id>.json: compiled by MSBuild's RoslynCodeTaskFactory from
// A2AGen.targets (so it needs nothing beyond the base class library) and by the generator tests (which define
// A2AGEN_CARD_READER_ONLY to leave out the MSBuild task class).
//
// The generator cannot write files, so it records each agent's canonical card in the assembly as
// [assembly: AssemblyMetadata("A2AGen.AgentCard:<agent-id>", "<json>")]. This reader finds those attributes by
// walking the ECMA-335 metadata tables directly: System.Reflection.Metadata is not available to inline tasks on
// every MSBuild host, and loading the user's assembly would lock it.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace A2AGen.Build
{
    /// <summary>Reads the agent cards the A2AGen generator recorded in an assembly's metadata.</summary>
    public static class AgentCardMetadataReader
    {
        /// <summary>The metadata key prefix; the agent id follows it.</summary>
        public const string KeyPrefix = "A2AGen.AgentCard:";

        // Metadata table numbers (ECMA-335 §II.22).
        private const int Module = 0x00, TypeRef = 0x01, TypeDef = 0x02, FieldPtr = 0x03, Field = 0x04, MethodPtr = 0x05,
            MethodDef = 0x06, ParamPtr = 0x07, Param = 0x08, InterfaceImpl = 0x09, MemberRef = 0x0A, Constant = 0x0B,
            CustomAttribute = 0x0C, DeclSecurity = 0x0E, StandAloneSig = 0x11, Event = 0x14, Property = 0x17,
            ModuleRef = 0x1A, TypeSpec = 0x1B, Assembly = 0x20, AssemblyRef = 0x23, File = 0x26, ExportedType = 0x27,
            ManifestResource = 0x28, GenericParam = 0x2A, MethodSpec = 0x2B, GenericParamConstraint = 0x2C;

        private static readonly int[] HasCustomAttributeTables =
        {
            MethodDef, Field, TypeRef, TypeDef, Param, InterfaceImpl, MemberRef, Module, DeclSecurity, Property, Event,
            StandAloneSig, ModuleRef, TypeSpec, Assembly, AssemblyRef, File, ExportedType, ManifestResource,
            GenericParam, GenericParamConstraint, MethodSpec,
        };

        /// <summary>The (agent id, canonical card JSON) pairs recorded in the assembly at <paramref name="path"/>.</summary>
        /// <exception cref="InvalidDataException">The file is not a .NET assembly the reader understands.</exception>
        public static List<KeyValuePair<string, string>> Read(string path) => Read(System.IO.File.ReadAllBytes(path));

        /// <summary>The (agent id, canonical card JSON) pairs recorded in an assembly image.</summary>
        /// <exception cref="InvalidDataException">The image is not a .NET assembly the reader understands.</exception>
        public static List<KeyValuePair<string, string>> Read(byte[] image)
        {
            var pe = new Image(image);
            var result = new List<KeyValuePair<string, string>>();

            // PE headers → CLI header → metadata root (ECMA-335 §II.25).
            var peHeader = (int)pe.U32(0x3C);
            if (pe.U32(peHeader) != 0x00004550)
            {
                throw new InvalidDataException("Not a PE file.");
            }

            var sectionCount = pe.U16(peHeader + 6);
            var optionalHeaderSize = pe.U16(peHeader + 20);
            var optionalHeader = peHeader + 24;
            var directories = optionalHeader + (pe.U16(optionalHeader) == 0x20B ? 112 : 96);
            var sections = optionalHeader + optionalHeaderSize;
            var cliHeader = pe.RvaToOffset(pe.U32(directories + (14 * 8)), sections, sectionCount);
            var root = pe.RvaToOffset(pe.U32(cliHeader + 8), sections, sectionCount);
            if (pe.U32(root) != 0x424A5342)
            {
                throw new InvalidDataException("No CLI metadata.");
            }

            // Stream headers: #~ (tables), #Strings, #Blob.
            int tables = -1, strings = -1, blobs = -1;
            var cursor = root + 16 + (int)pe.U32(root + 12);
            var streamCount = pe.U16(cursor + 2);
            cursor += 4;
            for (var i = 0; i < streamCount; i++)
            {
                var offset = root + (int)pe.U32(cursor);
                var name = pe.AsciiZ(cursor + 8, out var nameLength);
                cursor += 8 + ((nameLength + 4) & ~3);
                switch (name)
                {
                    case "#~":
                    case "#-":
                        tables = offset;
                        break;
                    case "#Strings":
                        strings = offset;
                        break;
                    case "#Blob":
                        blobs = offset;
                        break;
                }
            }

            if (tables < 0 || strings < 0 || blobs < 0)
            {
                return result;
            }

            // Table stream header (§II.24.2.6): heap index sizes, present tables, row counts.
            var heapSizes = pe.Byte(tables + 6);
            var valid = pe.U64(tables + 8);
            var rows = new int[64];
            cursor = tables + 24;
            for (var t = 0; t < 64; t++)
            {
                if ((valid & (1UL << t)) != 0)
                {
                    rows[t] = (int)pe.U32(cursor);
                    cursor += 4;
                }
            }

            var sizes = new Sizes(rows, heapSizes);
            var rowSize = new int[CustomAttribute + 1];
            rowSize[Module] = 2 + sizes.String + (3 * sizes.Guid);
            rowSize[TypeRef] = sizes.Coded(2, Module, ModuleRef, AssemblyRef, TypeRef) + (2 * sizes.String);
            rowSize[TypeDef] = 4 + (2 * sizes.String) + sizes.Coded(2, TypeDef, TypeRef, TypeSpec) + sizes.Index(Field) + sizes.Index(MethodDef);
            rowSize[FieldPtr] = sizes.Index(Field);
            rowSize[Field] = 2 + sizes.String + sizes.Blob;
            rowSize[MethodPtr] = sizes.Index(MethodDef);
            rowSize[MethodDef] = 8 + sizes.String + sizes.Blob + sizes.Index(Param);
            rowSize[ParamPtr] = sizes.Index(Param);
            rowSize[Param] = 4 + sizes.String;
            rowSize[InterfaceImpl] = sizes.Index(TypeDef) + sizes.Coded(2, TypeDef, TypeRef, TypeSpec);
            rowSize[MemberRef] = sizes.Coded(3, TypeDef, TypeRef, ModuleRef, MethodDef, TypeSpec) + sizes.String + sizes.Blob;
            rowSize[Constant] = 2 + sizes.Coded(2, Field, Param, Property) + sizes.Blob;
            rowSize[CustomAttribute] = sizes.Coded(5, HasCustomAttributeTables) + sizes.Coded(3, MethodDef, MemberRef) + sizes.Blob;

            var tableStart = new int[CustomAttribute + 1];
            for (var t = 0; t <= CustomAttribute; t++)
            {
                tableStart[t] = cursor;
                cursor += rows[t] * rowSize[t];
            }

            var memberRefParentSize = sizes.Coded(3, TypeDef, TypeRef, ModuleRef, MethodDef, TypeSpec);
            var resolutionScopeSize = sizes.Coded(2, Module, ModuleRef, AssemblyRef, TypeRef);
            var parentSize = sizes.Coded(5, HasCustomAttributeTables);
            var typeSize = sizes.Coded(3, MethodDef, MemberRef);
            for (var row = 0; row < rows[CustomAttribute]; row++)
            {
                var at = tableStart[CustomAttribute] + (row * rowSize[CustomAttribute]);
                var parent = pe.Index(at, parentSize);
                var type = pe.Index(at + parentSize, typeSize);
                var value = pe.Index(at + parentSize + typeSize, sizes.Blob);

                // Parent: HasCustomAttribute tag 14 = Assembly. Type: CustomAttributeType tag 3 = MemberRef (a
                // constructor of a referenced type, which is how System.Reflection.AssemblyMetadataAttribute appears).
                if ((parent & 31) != 14 || (type & 7) != 3)
                {
                    continue;
                }

                var memberRef = tableStart[MemberRef] + (((type >> 3) - 1) * rowSize[MemberRef]);
                var owner = pe.Index(memberRef, memberRefParentSize);
                if ((owner & 7) != 1)
                {
                    continue;
                }

                var typeRef = tableStart[TypeRef] + (((owner >> 3) - 1) * rowSize[TypeRef]);
                var typeName = pe.Utf8Z(strings + pe.Index(typeRef + resolutionScopeSize, sizes.String));
                var typeNamespace = pe.Utf8Z(strings + pe.Index(typeRef + resolutionScopeSize + sizes.String, sizes.String));
                if (typeName != "AssemblyMetadataAttribute" || typeNamespace != "System.Reflection")
                {
                    continue;
                }

                // Value blob (§II.23.3): prolog 0x0001, then the two constructor strings as SerStrings.
                var blob = blobs + value;
                var length = pe.CompressedLength(ref blob);
                var end = blob + length;
                if (length < 4 || pe.U16(blob) != 1)
                {
                    continue;
                }

                blob += 2;
                var key = pe.SerString(ref blob, end);
                var json = pe.SerString(ref blob, end);
                if (key is not null && json is not null && key.StartsWith(KeyPrefix, StringComparison.Ordinal))
                {
                    result.Add(new KeyValuePair<string, string>(key.Substring(KeyPrefix.Length), json));
                }
            }

            return result;
        }

        /// <summary>Agent ids become file names: the generator's rule <c>[a-z0-9][a-z0-9._-]{0,63}</c>, checked again here.</summary>
        public static bool IsSafeFileName(string id)
        {
            if (id.Length == 0 || id.Length > 64 || !IsLowerAlphanumeric(id[0]))
            {
                return false;
            }

            foreach (var c in id)
            {
                if (!IsLowerAlphanumeric(c) && c != '.' && c != '_' && c != '-')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsLowerAlphanumeric(char c) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');

        private sealed class Sizes
        {
            private readonly int[] _rows;

            public Sizes(int[] rows, byte heapSizes)
            {
                _rows = rows;
                String = (heapSizes & 1) != 0 ? 4 : 2;
                Guid = (heapSizes & 2) != 0 ? 4 : 2;
                Blob = (heapSizes & 4) != 0 ? 4 : 2;
            }

            public int String { get; }

            public int Guid { get; }

            public int Blob { get; }

            public int Index(int table) => _rows[table] > 0xFFFF ? 4 : 2;

            public int Coded(int tagBits, params int[] tables)
            {
                var max = 0;
                foreach (var table in tables)
                {
                    max = Math.Max(max, _rows[table]);
                }

                return max < (1 << (16 - tagBits)) ? 2 : 4;
            }
        }

        private sealed class Image
        {
            private readonly byte[] _bytes;

            public Image(byte[] bytes) => _bytes = bytes;

            public byte Byte(int offset)
            {
                Check(offset, 1);
                return _bytes[offset];
            }

            public int U16(int offset)
            {
                Check(offset, 2);
                return _bytes[offset] | (_bytes[offset + 1] << 8);
            }

            public uint U32(int offset)
            {
                Check(offset, 4);
                return (uint)(_bytes[offset] | (_bytes[offset + 1] << 8) | (_bytes[offset + 2] << 16) | (_bytes[offset + 3] << 24));
            }

            public ulong U64(int offset) => U32(offset) | ((ulong)U32(offset + 4) << 32);

            public int Index(int offset, int size) => size == 2 ? U16(offset) : checked((int)U32(offset));

            public int RvaToOffset(uint rva, int sections, int count)
            {
                for (var i = 0; i < count; i++)
                {
                    var section = sections + (i * 40);
                    var virtualAddress = U32(section + 12);
                    var size = Math.Max(U32(section + 8), U32(section + 16));
                    if (rva >= virtualAddress && rva < virtualAddress + size)
                    {
                        return checked((int)(rva - virtualAddress + U32(section + 20)));
                    }
                }

                throw new InvalidDataException("An RVA lies outside every section.");
            }

            public string AsciiZ(int offset, out int length)
            {
                length = 0;
                while (Byte(offset + length) != 0)
                {
                    length++;
                }

                return Encoding.ASCII.GetString(_bytes, offset, length);
            }

            public string Utf8Z(int offset)
            {
                var length = 0;
                while (Byte(offset + length) != 0)
                {
                    length++;
                }

                return Encoding.UTF8.GetString(_bytes, offset, length);
            }

            public int CompressedLength(ref int offset)
            {
                var first = Byte(offset);
                if ((first & 0x80) == 0)
                {
                    offset += 1;
                    return first;
                }

                if ((first & 0xC0) == 0x80)
                {
                    var value = ((first & 0x3F) << 8) | Byte(offset + 1);
                    offset += 2;
                    return value;
                }

                if ((first & 0xE0) == 0xC0)
                {
                    var value = ((first & 0x1F) << 24) | (Byte(offset + 1) << 16) | (Byte(offset + 2) << 8) | Byte(offset + 3);
                    offset += 4;
                    return value;
                }

                throw new InvalidDataException("Bad compressed length in a metadata blob.");
            }

            public string? SerString(ref int offset, int end)
            {
                if (offset >= end)
                {
                    return null;
                }

                if (Byte(offset) == 0xFF)
                {
                    offset++;
                    return null;
                }

                var length = CompressedLength(ref offset);
                if (offset + length > end)
                {
                    throw new InvalidDataException("A string runs past its attribute blob.");
                }

                Check(offset, length);
                var text = Encoding.UTF8.GetString(_bytes, offset, length);
                offset += length;
                return text;
            }

            private void Check(int offset, int length)
            {
                if (offset < 0 || length < 0 || offset > _bytes.Length - length)
                {
                    throw new InvalidDataException("The assembly is truncated or malformed.");
                }
            }
        }
    }

#if !A2AGEN_CARD_READER_ONLY
    /// <summary>
    /// MSBuild task: writes each recorded agent card to <c>&lt;OutputDirectory&gt;/&lt;agent-id&gt;.json</c> (UTF-8, no
    /// BOM, exactly the canonical bytes), rewrites a file only when its content changed, and deletes cards this task
    /// wrote before for agents that no longer exist.
    /// </summary>
    public sealed class WriteAgentCards : Microsoft.Build.Utilities.Task
    {
        /// <summary>The compiled assembly to read.</summary>
        [Microsoft.Build.Framework.Required]
        public string AssemblyPath { get; set; } = "";

        /// <summary>The folder for the cards (<c>$(OutDir)agent-cards</c>).</summary>
        [Microsoft.Build.Framework.Required]
        public string OutputDirectory { get; set; } = "";

        /// <summary>Where the list of written cards is kept between builds.</summary>
        [Microsoft.Build.Framework.Required]
        public string StateFile { get; set; } = "";

        /// <summary>The card files now present, for <c>FileWrites</c>.</summary>
        [Microsoft.Build.Framework.Output]
        public Microsoft.Build.Framework.ITaskItem[] Cards { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        /// <inheritdoc />
        public override bool Execute()
        {
            List<KeyValuePair<string, string>> cards;
            try
            {
                cards = AgentCardMetadataReader.Read(AssemblyPath);
            }
            catch (Exception exception) when (exception is IOException || exception is InvalidDataException || exception is UnauthorizedAccessException)
            {
                Log.LogError("A2AGen: cannot read agent cards from '{0}': {1}", AssemblyPath, exception.Message);
                return false;
            }

            var written = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            foreach (var card in cards)
            {
                if (!AgentCardMetadataReader.IsSafeFileName(card.Key))
                {
                    Log.LogError("A2AGen: agent id '{0}' in '{1}' is not a safe file name; it was not written.", card.Key, AssemblyPath);
                    continue;
                }

                if (!seen.Add(card.Key))
                {
                    Log.LogError("A2AGen: two agents in '{0}' use the id '{1}'; agent ids must be unique.", AssemblyPath, card.Key);
                    continue;
                }

                var path = Path.Combine(OutputDirectory, card.Key + ".json");
                var bytes = utf8.GetBytes(card.Value);
                Directory.CreateDirectory(OutputDirectory);
                if (!System.IO.File.Exists(path) || !Same(System.IO.File.ReadAllBytes(path), bytes))
                {
                    System.IO.File.WriteAllBytes(path, bytes);
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, "A2AGen: wrote {0}", path);
                }
                else
                {
                    // Same bytes: keep the file, but mark it up to date so the next build can skip this target.
                    System.IO.File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
                }

                written.Add(Path.GetFullPath(path));
            }

            // Cards written by an earlier build for agents that are gone.
            if (System.IO.File.Exists(StateFile))
            {
                foreach (var line in System.IO.File.ReadAllLines(StateFile))
                {
                    var previous = line.Trim();
                    if (previous.Length > 0 && !written.Contains(previous) && System.IO.File.Exists(previous) &&
                        string.Equals(Path.GetDirectoryName(previous), Path.GetFullPath(OutputDirectory).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
                    {
                        System.IO.File.Delete(previous);
                    }
                }
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(StateFile))!);
            System.IO.File.WriteAllLines(StateFile, written);
            var items = new List<Microsoft.Build.Framework.ITaskItem>();
            foreach (var path in written)
            {
                items.Add(new Microsoft.Build.Utilities.TaskItem(path));
            }

            Cards = items.ToArray();
            return !Log.HasLoggedErrors;
        }

        private static bool Same(byte[] left, byte[] right)
        {
            if (left.Length != right.Length)
            {
                return false;
            }

            for (var i = 0; i < left.Length; i++)
            {
                if (left[i] != right[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
#endif
}
