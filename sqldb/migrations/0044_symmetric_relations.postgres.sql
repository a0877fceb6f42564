-- A symmetric relation (associate_of) is one relation whichever way it is
-- given (README, "Link chart", crosscase.RelationKind.Symmetric): of a
-- pair recorded both ways before, the first recorded stays and the
-- reverse, which said nothing more, goes; the index then holds it.
DELETE FROM entity_relations WHERE kind = 'associate_of' AND EXISTS (
	SELECT 1 FROM entity_relations o
	WHERE o.kind = entity_relations.kind AND o.from_id = entity_relations.to_id AND o.to_id = entity_relations.from_id AND o.id < entity_relations.id);
CREATE UNIQUE INDEX entity_relations_symmetric ON entity_relations (LEAST(from_id, to_id), GREATEST(from_id, to_id), kind) WHERE kind = 'associate_of';
